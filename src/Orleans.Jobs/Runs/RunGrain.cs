using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Jobs.Catalog;
using Orleans.Jobs.Diagnostics;
using Orleans.Jobs.Events;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Logs;
using Orleans.Jobs.Services;
using Orleans.Jobs.Results;
using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Jobs.Runs;

/// <summary>
/// One run of a job. Its persisted state is the checkpoint. Steps run in grain-timer callbacks, one per turn, with
/// the job's code on the thread pool, so status, pause and terminate (this grain is reentrant) answer between and
/// during steps. Every step ends with an ETag-guarded checkpoint before the next is scheduled. While the run is
/// active a keep-alive reminder exists: if the silo dies, the reminder reactivates the run elsewhere, which calls
/// Prepare with the last checkpoint and continues.
/// </summary>
/// <remarks>
/// Concurrency: all state writes go through <see cref="_writeGate"/>, and a write that loses an ETag race makes this
/// activation stale: it stops, discards any step in flight and deactivates, and the surviving activation's
/// checkpoint stands.
/// </remarks>
[Reentrant]
internal sealed partial class RunGrain : Grain, IRunGrain, IRemindable
{
    private const string KeepAliveReminder = "run-keep-alive";
    private static readonly TimeSpan _longestWait = TimeSpan.FromSeconds(20);

    private readonly IPersistentState<RunState> _state;
    private readonly JobTypeRegistry _jobTypes;
    private readonly IRunResultSink _sink;
    private readonly IRunLogStore _logStore;
    private readonly CatalogUpdateQueue _catalog;
    private readonly JobEventPublisher _events;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly JobsOptions _options;
    private readonly ILogger<RunGrain> _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly string _silo;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _runCancellation = new();
    private readonly CancellationTokenSource _activationCancellation = new();

    private RunLogger? _runLogger;
    private IGrainTimer? _stepTimer;
    private IGrainTimer? _notifyTimer;
    private JobInvocation? _invocation;
    private TaskCompletionSource? _finished;
    private Task _logFlush = Task.CompletedTask;
    private bool _stepInFlight;
    private bool _pauseRequested;
    private bool _stale;
    private bool _keepAliveMissing;
    private Task? _keepAliveRegistration;
    private IGrainTimer? _watchdog;
    private bool _claimed;
    private int _notifyFailures;
    private DateTimeOffset? _stepDueAt;
    private DateTimeOffset? _stepStartedAt;

    // The attempt as job code may read it from the thread pool (grain state may only be touched on the grain).
    private volatile int _attempt;

    public RunGrain(
        [PersistentState("run", JobsStorageNames.GrainStorage)] IPersistentState<RunState> state,
        JobTypeRegistry jobTypes,
        IRunResultSink sink,
        IRunLogStore logStore,
        CatalogUpdateQueue catalog,
        JobEventPublisher events,
        IServiceProvider services,
        TimeProvider time,
        IOptions<JobsOptions> options,
        ILocalSiloDetails siloDetails,
        ILoggerFactory loggerFactory)
    {
        _state = state;
        _jobTypes = jobTypes;
        _sink = sink;
        _logStore = logStore;
        _catalog = catalog;
        _events = events;
        _services = services;
        _time = time;
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<RunGrain>();
        _silo = siloDetails.SiloAddress.ToString();
    }

    private RunState State => _state.State;

    private string RunId => this.GetPrimaryKeyString();

    private JobDefinition Definition => State.Definition ?? throw new InvalidOperationException($"Run {RunId} has no definition.");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _attempt = State.Attempt;
        _runLogger = new RunLogger(_loggerFactory.CreateLogger("Orleans.Jobs.Run"), _time, () => _attempt);
        if (_state.RecordExists && IsActive(State.Status))
        {
            LogResuming(_logger, RunId, State.Status, State.Step, _silo);
            JobsInstrumentation.RunsResumed.Add(1, JobsInstrumentation.JobType(Definition.Type));
            _runLogger.Note(LogLevel.Information, $"Run activated on {_silo}; resuming from step {State.Step} ({State.Status}).");

            // The keep-alive reminder is what brings a run back if this activation is lost or its step timer never
            // fires; the activation that wrote the checkpoint may have died before it could register it (seen in the
            // chaos test: a run left Pending for good). Make sure it exists, without holding up the next step.
            _keepAliveMissing = true;
            EnsureKeepAlive();
            ScheduleNextStep();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A step still in flight belongs to this activation only: its result must not be committed after we are gone.
        _stale = true;
        await _activationCancellation.CancelAsync();
        _stepTimer?.Dispose();
        _watchdog?.Dispose();
        await DisposeInvocationAsync();
        FlushRunLog();
        await _logFlush.WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    public async Task<RunSnapshot> StartAsync(RunStartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_state.RecordExists)
        {
            // Started before. If that start failed half-way (its state stored, then its activation's timer or reminder
            // lost), the repeated request sets the run going again.
            if (IsActive(State.Status) && _stepTimer is null && !_stepInFlight && !_stale)
            {
                EnsureKeepAlive();
                ScheduleNextStep();
            }

            return Snapshot();
        }

        var expected = JobIds.RunId(request.Definition.Id, request.Generation, request.Occurrence);
        if (!string.Equals(expected, RunId, StringComparison.Ordinal))
        {
            throw new JobValidationException("runId", $"run grain '{RunId}' was asked to start run '{expected}'.");
        }

        _state.State = new RunState
        {
            JobId = request.Definition.Id,
            Generation = request.Generation,
            Occurrence = request.Occurrence,
            OccurrenceTime = request.OccurrenceTime,
            Definition = request.Definition,
            Parameters = request.Parameters ?? request.Definition.Parameters,
            Status = RunStatus.Pending,
            Attempt = 1,
            CreatedAt = _time.GetUtcNow(),
            TraceParent = request.TraceParent,
        };
        _attempt = 1;

        // The keep-alive reminder and the first checkpoint are written together: the run is durable once both land.
        await WriteStateAndKeepAliveAsync();
        JobsInstrumentation.RunsStarted.Add(1, JobsInstrumentation.JobType(Definition.Type), new KeyValuePair<string, object?>("origin", request.Occurrence.StartsWith(JobIds.ManualPrefix, StringComparison.Ordinal) ? "manual" : "scheduled"));
        LogStarted(_logger, RunId, Definition.Type, _silo);
        _catalog.Enqueue(CatalogEntry());
        ScheduleNextStep();
        return Snapshot();
    }

    public Task<RunSnapshot> GetStatusAsync()
    {
        EnsureExists();
        return Task.FromResult(Snapshot());
    }

    public async Task<RunSnapshot> WaitAsync(TimeSpan maximumWait)
    {
        EnsureExists();
        if (!State.Status.IsFinished() && maximumWait > TimeSpan.Zero)
        {
            _finished ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var wait = maximumWait < _longestWait ? maximumWait : _longestWait;
            await Task.WhenAny(_finished.Task, Task.Delay(wait, _time));
        }

        return Snapshot();
    }

    public async Task<RunSnapshot> PauseAsync()
    {
        EnsureExists();
        EnsureNotFinished("paused");
        if (State.Status == RunStatus.Paused)
        {
            return Snapshot();
        }

        if (_stepInFlight)
        {
            // The step in flight finishes and is checkpointed first; its commit moves the run to Paused.
            _pauseRequested = true;
            return Snapshot();
        }

        await _writeGate.WaitAsync();
        try
        {
            EnsureNotFinished("paused");
            State.PausedFrom = State.Status;
            State.Status = RunStatus.Paused;
            await WriteStateOrThrowAsync();
        }
        finally
        {
            _writeGate.Release();
        }

        LogPaused(_logger, RunId);
        await AfterTransitionAsync();
        return Snapshot();
    }

    public async Task<RunSnapshot> ResumeAsync()
    {
        EnsureExists();
        EnsureNotFinished("resumed");
        if (State.Status != RunStatus.Paused)
        {
            _pauseRequested = false;
            return Snapshot();
        }

        await _writeGate.WaitAsync();
        try
        {
            State.Status = State.PausedFrom ?? RunStatus.Running;
            State.PausedFrom = null;
            await WriteStateAndKeepAliveAsync();
        }
        finally
        {
            _writeGate.Release();
        }

        LogResumed(_logger, RunId);
        await AfterTransitionAsync();
        return Snapshot();
    }

    public async Task<RunSnapshot> TerminateAsync(string? reason)
    {
        EnsureExists();
        EnsureNotFinished("terminated");

        // Cooperative cancellation for the step in flight; its result is discarded because the run is finished.
        await _runCancellation.CancelAsync();
        await _writeGate.WaitAsync();
        try
        {
            EnsureNotFinished("terminated");
            State.Status = RunStatus.Terminated;
            State.TerminationReason = string.IsNullOrWhiteSpace(reason) ? "terminated by request" : reason;
            State.FinishedAt = _time.GetUtcNow();
            State.PausedFrom = null;
            await WriteStateOrThrowAsync();
        }
        finally
        {
            _writeGate.Release();
        }

        LogTerminated(_logger, RunId, State.TerminationReason);
        _runLogger?.Note(LogLevel.Warning, $"Run terminated: {State.TerminationReason}.");
        await AfterTransitionAsync();
        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        LogKeepAliveTick(_logger, RunId, State.Status, _stepInFlight, _stale, _stepTimer is not null, _stepDueAt);
        if (!string.Equals(reminderName, KeepAliveReminder, StringComparison.Ordinal))
        {
            return;
        }

        if (!_state.RecordExists)
        {
            // No run here as far as this activation read. It may have been made (by this very tick) before the run's
            // first checkpoint landed, or be a short-lived duplicate: read again before giving up the reminder a live
            // run depends on (seen in the chaos test: a duplicate's tick unregistered a running run's keep-alive).
            await _state.ReadStateAsync();
            if (_state.RecordExists)
            {
                LogStaleRead(_logger, RunId);
                await BecomeStaleAsync();
                return;
            }

            await UnregisterKeepAliveAsync();
        }
        else if (State.Status.IsFinished())
        {
            // The run finished but its job (or its webhook sinks) may not have heard (the silo died in between): tell
            // them, and the catalog, again.
            await StartResultDeliveriesAsync();
            _catalog.Enqueue(CatalogEntry());
            ScheduleJobNotification();
        }
        else if (State.Status == RunStatus.Paused)
        {
            await UnregisterKeepAliveAsync();
        }
        else
        {
            await CheckProgressAsync();
        }
    }

    /// <summary>
    /// The watchdog of an active run, run by the keep-alive tick and by this activation's own periodic timer (either
    /// may fail to arrive while the cluster's membership changes): a step stuck far past its deadline gives up the
    /// activation, a step overdue is armed again.
    /// </summary>
    private async Task CheckProgressAsync()
    {
        LogWatchdog(_logger, RunId, State.Status, _stepInFlight, _stale, _stepStartedAt, _stepDueAt);
        if (_stale || !_state.RecordExists || !IsActive(State.Status))
        {
            // Going away, or nothing to watch; the next tick reaches a fresh activation.
        }
        else if (_stepInFlight)
        {
            // A step (or its checkpoint) that outlives its deadline by far is stuck on something the deadline does
            // not bound, such as a storage call that never returns: give up this activation; a fresh one resumes
            // from the last committed checkpoint.
            if (_stepStartedAt is { } began && _time.GetUtcNow() - began > Definition.StepDeadline + StuckStepGrace)
            {
                LogStepStuck(_logger, RunId, began);
                await BecomeStaleAsync();
            }
        }
        else if (_stepTimer is null)
        {
            ScheduleNextStep();
        }
        else if (_stepDueAt is { } due && _time.GetUtcNow() - due > _options.KeepAlivePeriod)
        {
            // The next step was due long ago and has not started: its timer did not fire, or fired and stopped
            // short (seen on activations moved off a stopping silo). Arm it again rather than leave the run waiting.
            LogStepTimerOverdue(_logger, RunId, due);
            ScheduleNextStep();
        }
    }

    /// <summary>How long past its deadline a step may stay in flight before the activation counts as stuck.</summary>
    private TimeSpan StuckStepGrace => _options.KeepAlivePeriod * 2 > TimeSpan.FromSeconds(10) ? _options.KeepAlivePeriod * 2 : TimeSpan.FromSeconds(10);

    private async Task OnStepTimerAsync(CancellationToken cancellationToken)
    {
        LogStepTimerFired(_logger, RunId, State.Status, _stepInFlight, _stale);
        if (_stepInFlight || _stale || !_state.RecordExists || !IsActive(State.Status))
        {
            return;
        }

        var now = _time.GetUtcNow();
        if ((State.Status == RunStatus.Sleeping && State.WakeAt > now) || (State.Status == RunStatus.Retrying && State.RetryAt > now))
        {
            ScheduleNextStep();
            return;
        }

        EnsureKeepAlive();
        _stepInFlight = true;
        _stepDueAt = null;
        _stepStartedAt = _time.GetUtcNow();
        try
        {
            if (!await IsStillOwnerAsync())
            {
                LogSuperseded(_logger, RunId);
                await BecomeStaleAsync();
                return;
            }

            await TakeStepAsync();
        }
        catch (Exception exception)
        {
            // Only the engine's own faults land here (job errors are attempts that failed): start over from the
            // last committed checkpoint on a fresh activation.
            LogStepLoopFault(_logger, exception, RunId);
            await BecomeStaleAsync();
        }
        finally
        {
            _stepInFlight = false;
            _stepStartedAt = null;
        }
    }

    private async Task TakeStepAsync()
    {
        var now = _time.GetUtcNow();
        if (State.Status == RunStatus.Retrying)
        {
            _attempt = ++State.Attempt;
            State.RetryAt = null;
            await DisposeInvocationAsync();
            _runLogger!.Note(LogLevel.Information, $"Attempt {State.Attempt} of {Definition.Retry.MaximumAttempts} starts from step {State.Step}.");
        }

        State.Status = RunStatus.Running;
        State.WakeAt = null;
        if (State.StartedAt is null)
        {
            State.StartedAt = now;
            JobsInstrumentation.ScheduleLateness.Record(Math.Max(0, (now - State.OccurrenceTime).TotalMilliseconds), JobsInstrumentation.JobType(Definition.Type));
        }

        JobCheckpoint next;
        var performed = false;
        string? resultReference = null;
        try
        {
            if (_invocation is null)
            {
                var invocation = _invocation = CreateInvocation();
                var resumeFrom = State.Checkpoint;
                _runLogger!.Note(LogLevel.Information, resumeFrom is null ? "Prepare (fresh start)." : $"Prepare (resume after step {State.Step}).");
                invocation.Current = await RunBoundedAsync("prepare", ct => invocation.PrepareAsync(resumeFrom, ct));
            }

            var current = _invocation.Current!;
            if (current.Complete || current.WakeAt is not null || current.SleepFor is not null)
            {
                // Prepare itself finished the run or asked for a sleep: commit that without a Perform.
                next = current;
            }
            else
            {
                var invocation = _invocation;
                next = await RunBoundedAsync("perform", ct => invocation.PerformAsync(current, ct));
                performed = true;
            }

            if (next.Complete && !_stale && !State.Status.IsFinished())
            {
                resultReference = await WriteResultAsync(next);
            }
        }
        catch (Exception exception) when (!_stale)
        {
            await FailAttemptAsync(exception);
            return;
        }

        await CommitAsync(next, performed, resultReference);
    }

    /// <summary>Writes the result to the sink; a failure raises <c>run.sink_failed</c> and fails the attempt.</summary>
    private async Task<string> WriteResultAsync(JobCheckpoint completed)
    {
        try
        {
            return await _sink.WriteAsync(new RunResult
            {
                RunId = RunId,
                JobId = State.JobId,
                Type = Definition.Type,
                Attempt = State.Attempt,
                Status = RunStatus.Completed,
                Result = completed.Result,
                CompletedAt = _time.GetUtcNow(),
            }, _activationCancellation.Token);
        }
        catch (Exception exception) when (!_stale && exception is not OperationCanceledException)
        {
            _runLogger!.Note(LogLevel.Error, $"The result could not be written to the sink: {exception.GetType().Name}: {exception.Message}");
            await _events.PublishAsync(
                _events.Create(JobEventTypes.SinkFailed, State.JobId, Definition.Type, $"Attempt {State.Attempt}: {exception.GetType().Name}: {exception.Message}", RunId, RunStatus.Running),
                Definition.Labels);
            throw;
        }
    }

    private async Task CommitAsync(JobCheckpoint next, bool performed, string? resultReference)
    {
        LogCommitting(_logger, RunId, State.Step);
        await _writeGate.WaitAsync();
        try
        {
            if (_stale || State.Status.IsFinished())
            {
                // Terminated (or superseded) while the step ran: its result is discarded.
                return;
            }

            var now = _time.GetUtcNow();
            var wakeAt = next.WakeAt ?? (next.SleepFor is { } sleep ? now + sleep : null);
            var committed = next with { WakeAt = null, SleepFor = null };
            if (performed)
            {
                State.Step++;
            }

            State.Checkpoint = committed;
            State.LastCheckpointAt = now;
            _invocation!.Current = committed;
            if (committed.Complete)
            {
                State.Status = RunStatus.Completed;
                State.FinishedAt = now;
                State.ResultReference = resultReference;
                State.ResultWebhooksPending = Definition.ResultWebhooks.Count > 0;
            }
            else if (wakeAt > now)
            {
                State.Status = RunStatus.Sleeping;
                State.WakeAt = wakeAt;
            }
            else
            {
                State.Status = RunStatus.Running;
            }

            ApplyPendingPause();
            if (!await TryWriteStateAsync())
            {
                return;
            }
        }
        finally
        {
            _writeGate.Release();
        }

        FlushRunLog();
        await AfterTransitionAsync();
    }

    private async Task FailAttemptAsync(Exception exception)
    {
        await DisposeInvocationAsync();
        var error = ToRunError(exception);
        JobsInstrumentation.AttemptsFailed.Add(1, JobsInstrumentation.JobType(Definition.Type));
        await _writeGate.WaitAsync();
        try
        {
            if (_stale || State.Status.IsFinished())
            {
                return;
            }

            var now = _time.GetUtcNow();
            State.Error = error;
            if (error.NonRetryable || State.Attempt >= Definition.Retry.MaximumAttempts)
            {
                State.Status = RunStatus.Failed;
                State.FinishedAt = now;
            }
            else
            {
                State.Status = RunStatus.Retrying;
                State.RetryAt = now + Definition.Retry.DelayAfter(State.Attempt);
            }

            LogAttemptFailed(_logger, exception, RunId, State.Attempt, State.Status);
            _runLogger!.Note(LogLevel.Error, State.Status == RunStatus.Retrying
                ? $"Attempt {State.Attempt} failed ({error.Type}: {error.Message}); retrying at {State.RetryAt:O}."
                : $"Attempt {State.Attempt} failed ({error.Type}: {error.Message}); the run has failed.");
            ApplyPendingPause();
            if (!await TryWriteStateAsync())
            {
                return;
            }
        }
        finally
        {
            _writeGate.Release();
        }

        FlushRunLog();
        await AfterTransitionAsync();
    }

    private void ApplyPendingPause()
    {
        if (_pauseRequested && !State.Status.IsFinished())
        {
            State.PausedFrom = State.Status;
            State.Status = RunStatus.Paused;
            _pauseRequested = false;
        }
    }

    private async Task AfterTransitionAsync()
    {
        if (State.Status.IsFinished())
        {
            await FinishAsync();
        }
        else if (State.Status == RunStatus.Paused)
        {
            _stepTimer?.Dispose();
            _stepTimer = null;
            await UnregisterKeepAliveAsync();
        }
        else
        {
            ScheduleNextStep();
        }
    }

    private async Task FinishAsync()
    {
        _stepTimer?.Dispose();
        _stepTimer = null;
        await StartResultDeliveriesAsync();
        await DisposeInvocationAsync();
        _finished?.TrySetResult();
        FlushRunLog();
        JobsInstrumentation.RunsFinished.Add(1, JobsInstrumentation.JobType(Definition.Type), new KeyValuePair<string, object?>("status", State.Status.ToString()));
        LogFinished(_logger, RunId, State.Status, State.Attempt, State.Step);
        _catalog.Enqueue(CatalogEntry());
        ScheduleJobNotification();
    }

    /// <summary>
    /// Tells the job from a timer turn of its own, never inside a caller's request: the caller may be the job grain
    /// itself (terminating a run on delete or by overlap policy), which could not take the report while it waits.
    /// </summary>
    private void ScheduleJobNotification(TimeSpan delay = default)
    {
        _notifyTimer?.Dispose();
        _notifyTimer = this.RegisterGrainTimer(NotifyJobAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = true,
        });
    }

    private async Task NotifyJobAsync(CancellationToken cancellationToken)
    {
        _notifyTimer?.Dispose();
        _notifyTimer = null;
        try
        {
            await GrainFactory.GetGrain<IJobGrain>(State.JobId).RunFinishedAsync(RunHistoryEntry.Of(Snapshot(), _time.GetUtcNow()));
        }
        catch (Exception exception)
        {
            // Tell the job again soon (its silo may be dying), backing off to the keep-alive period; the keep-alive
            // reminder, still registered, does it too should this activation be lost.
            LogJobNotificationFailed(_logger, exception, RunId);
            _notifyFailures++;
            var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, _notifyFailures - 1), _options.KeepAlivePeriod.TotalSeconds));
            ScheduleJobNotification(delay);
            return;
        }

        _notifyFailures = 0;
        await UnregisterKeepAliveAsync();
        await RecordFinishActivityAsync();
    }

    /// <summary>The engine's entry in the job's activity log. Best effort: a lost entry is logged, not retried.</summary>
    private async Task RecordFinishActivityAsync()
    {
        var (level, title, summary) = State.Status switch
        {
            RunStatus.Completed => (ActivityLevel.Success, "Run completed", $"{State.Step} steps in {State.Attempt} attempt(s)."),
            RunStatus.Terminated => (ActivityLevel.Warning, "Run terminated", State.TerminationReason ?? "terminated"),
            _ => (ActivityLevel.Error, "Run failed", State.Error is { } error ? $"{error.Type}: {error.Message}" : "failed"),
        };
        try
        {
            await GrainFactory.GetGrain<IJobActivityGrain>(State.JobId).AddAsync(new ActivityEntry
            {
                At = _time.GetUtcNow(),
                Level = level,
                Activity = "run",
                Title = title,
                Summary = summary.Length > 8000 ? summary[..8000] : summary,
                RunId = RunId,
                FromEngine = true,
            });
        }
        catch (Exception exception)
        {
            LogActivityFailed(_logger, exception, RunId);
        }
    }

    private void ScheduleNextStep()
    {
        if (_stale)
        {
            return;
        }

        // The activation's own watchdog, besides the keep-alive tick; only activations that run steps need one.
        _watchdog ??= this.RegisterGrainTimer(
            _ => CheckProgressAsync(),
            new GrainTimerCreationOptions(_options.KeepAlivePeriod, _options.KeepAlivePeriod) { Interleave = true, KeepAlive = false });

        var now = _time.GetUtcNow();
        var at = State.Status switch
        {
            RunStatus.Sleeping => State.WakeAt,
            RunStatus.Retrying => State.RetryAt,
            _ => null,
        } ?? now;
        var due = at > now ? at - now : TimeSpan.Zero;
        _stepDueAt = at;

        // Short waits keep the activation; long ones let it go, and the keep-alive reminder (which ticks at least
        // once per KeepAlivePeriod) brings it back in time to set a precise timer again.
        _stepTimer?.Dispose();
        _stepTimer = this.RegisterGrainTimer(OnStepTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = due < _options.KeepAlivePeriod,
        });
    }

    private async Task<T> RunBoundedAsync<T>(string phase, Func<CancellationToken, Task<T>> work)
    {
        var deadline = Definition.StepDeadline;
        var stepCancellation = CancellationTokenSource.CreateLinkedTokenSource(_runCancellation.Token, _activationCancellation.Token);
        using var activity = JobsInstrumentation.ActivitySource.StartActivity($"{phase} {Definition.Type}", ActivityKind.Internal, State.TraceParent);
        activity?.SetTag(JobsInstrumentation.JobIdTag, State.JobId);
        activity?.SetTag(JobsInstrumentation.RunIdTag, RunId);
        activity?.SetTag("orleans_jobs.step", State.Step);
        activity?.SetTag("orleans_jobs.attempt", State.Attempt);
        var started = Stopwatch.GetTimestamp();

        // Job code runs on the thread pool so that even a step that blocks its thread cannot hold up this grain.
        var step = Task.Run(() => work(stepCancellation.Token));
        using var deadlineCancellation = new CancellationTokenSource();
        var expiry = Task.Delay(deadline, _time, deadlineCancellation.Token);
        LogStepStarted(_logger, RunId, phase, State.Step);
        var first = await Task.WhenAny(step, expiry);
        LogStepReturned(_logger, RunId, phase, first == step);
        JobsInstrumentation.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, JobsInstrumentation.JobType(Definition.Type), new KeyValuePair<string, object?>("phase", phase));
        if (first == step)
        {
            await deadlineCancellation.CancelAsync();
            try
            {
                return await step;
            }
            finally
            {
                stepCancellation.Dispose();
            }
        }

        // Abandoned: the step keeps running on its own but nothing waits for it and its result is never committed.
        await stepCancellation.CancelAsync();
        _ = step.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        throw new StepDeadlineExceededException(deadline);
    }

    private JobInvocation CreateInvocation()
    {
        if (!_jobTypes.TryGet(Definition.Type, out var registration))
        {
            throw new UnknownJobTypeException(Definition.Type, _silo, _jobTypes.Names);
        }

        var context = new JobContext(
            State.JobId,
            RunId,
            State.Occurrence,
            State.OccurrenceTime,
            State.Parameters,
            _runLogger!,
            _time,
            _runCancellation.Token,
            State.Attempt,
            new GrainJobKeyValueStore(GrainFactory, State.JobId),
            new GrainJobNotifier(GrainFactory, State.JobId, RunId, _time),
            Definition.Payload);
        return JobInvocation.Create(_services, registration, context);
    }

    private async Task DisposeInvocationAsync()
    {
        var invocation = _invocation;
        _invocation = null;
        if (invocation is not null)
        {
            try
            {
                await invocation.DisposeAsync();
            }
            catch (Exception exception)
            {
                LogDisposeFailed(_logger, exception, RunId);
            }
        }
    }

    private async Task<bool> TryWriteStateAsync()
    {
        try
        {
            await WriteStateOrThrowAsync();
            return true;
        }
        catch (InconsistentStateException exception)
        {
            LogStaleActivation(_logger, exception, RunId);
        }
        catch (Exception exception)
        {
            LogCheckpointFailed(_logger, exception, RunId);
        }

        await BecomeStaleAsync();
        return false;
    }

    private async Task WriteStateOrThrowAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await _state.WriteStateAsync();
        _claimed = true;
        JobsInstrumentation.CheckpointDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, JobsInstrumentation.JobType(State.Definition?.Type ?? ""));
    }

    /// <summary>
    /// Whether this activation may perform the next step. Orleans may briefly hold two activations of a run while
    /// membership changes; only one may do the step's work. An activation that has not written the checkpoint yet
    /// claims it first by writing it back (ETag-guarded: of two activations, the later claim or commit fails, and the
    /// loser's work is never committed); afterwards it reads the checkpoint back before each step and steps down if
    /// another activation has written it since.
    /// </summary>
    private async Task<bool> IsStillOwnerAsync()
    {
        if (!_claimed)
        {
            try
            {
                await WriteStateOrThrowAsync();
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }

        if (!_options.VerifyCheckpointBeforeStep)
        {
            return true;
        }

        var etag = _state.Etag;
        await _state.ReadStateAsync();
        return string.Equals(etag, _state.Etag, StringComparison.Ordinal);
    }

    public async Task RecordSinkFailureAsync(string reason)
    {
        EnsureExists();
        await _writeGate.WaitAsync();
        try
        {
            State.SinkFailures.Add(reason);
            await WriteStateOrThrowAsync();
        }
        finally
        {
            _writeGate.Release();
        }

        _runLogger?.Note(LogLevel.Error, $"A result delivery was given up: {reason}");
        FlushRunLog();
        await _events.PublishAsync(_events.Create(JobEventTypes.SinkFailed, State.JobId, Definition.Type, reason, RunId, State.Status), Definition.Labels);
    }

    /// <summary>
    /// Hands a completed run's result to each webhook sink's delivery (stored before its first attempt, retried on
    /// its own). A start that fails is recorded as a sink failure, so no result is dropped silently.
    /// </summary>
    private async Task StartResultDeliveriesAsync()
    {
        if (!State.ResultWebhooksPending || _stale)
        {
            return;
        }

        var resultJson = State.Checkpoint?.Result is { } result ? result.GetRawText() : null;
        var delivery = _events.Create(JobEventTypes.RunResult, State.JobId, Definition.Type, $"Run {RunId} completed.", RunId, State.Status) with { ResultJson = resultJson };
        var failures = new List<string>();
        foreach (var subscription in Definition.ResultWebhooks)
        {
            try
            {
                await GrainFactory.GetGrain<Webhooks.IWebhookDeliveryGrain>($"{subscription}/{RunId}/result").StartAsync(delivery);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failures.Add($"webhook sink {subscription}: the delivery could not be started: {exception.GetType().Name}: {exception.Message}");
            }
        }

        await _writeGate.WaitAsync();
        try
        {
            State.ResultWebhooksPending = false;
            State.SinkFailures.AddRange(failures);
            if (!await TryWriteStateAsync())
            {
                return;
            }
        }
        finally
        {
            _writeGate.Release();
        }

        foreach (var failure in failures)
        {
            await _events.PublishAsync(_events.Create(JobEventTypes.SinkFailed, State.JobId, Definition.Type, failure, RunId, State.Status), Definition.Labels);
        }
    }

    private async Task BecomeStaleAsync()
    {
        // The stored checkpoint is the truth; a new activation (through the keep-alive reminder) resumes from it.
        _stale = true;
        _stepTimer?.Dispose();
        _stepTimer = null;
        await _activationCancellation.CancelAsync();
        DeactivateOnIdle();
    }

    private async Task RegisterKeepAliveAsync() =>
        await this.RegisterOrUpdateReminder(KeepAliveReminder, _options.KeepAlivePeriod, _options.KeepAlivePeriod);

    /// <summary>
    /// Writes the state and registers the keep-alive reminder at once. The state's failure is the caller's (nothing
    /// changed); a reminder that failed to register (the reminder service moving between silos) does not stop the
    /// run: it is registered again before the next step.
    /// </summary>
    private async Task WriteStateAndKeepAliveAsync()
    {
        var reminder = RegisterKeepAliveAsync();
        try
        {
            await WriteStateOrThrowAsync();
        }
        finally
        {
            try
            {
                await reminder;
                _keepAliveMissing = false;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                _keepAliveMissing = true;
                LogReminderFault(_logger, exception, RunId);
            }
        }
    }

    /// <summary>
    /// Registers the keep-alive reminder if it may be missing, in the background: a registration can wait seconds
    /// while the reminder service's owner of the grain's range is dying, and the run's steps must not wait with it.
    /// Failures are retried with growing pauses while the run is active on this activation.
    /// </summary>
    private void EnsureKeepAlive()
    {
        if (_keepAliveMissing && _keepAliveRegistration is null or { IsCompleted: true })
        {
            _keepAliveRegistration = RegisterKeepAliveWithRetriesAsync();
        }
    }

    private async Task RegisterKeepAliveWithRetriesAsync()
    {
        for (var attempt = 0; _keepAliveMissing && !_stale && IsActive(State.Status); attempt++)
        {
            try
            {
                await RegisterKeepAliveAsync();
                _keepAliveMissing = false;
                LogKeepAliveRegistered(_logger, RunId);
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogReminderFault(_logger, exception, RunId);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(attempt, 5))), _time);
            }
        }
    }

    private async Task UnregisterKeepAliveAsync()
    {
        try
        {
            var reminder = await this.GetReminder(KeepAliveReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception)
        {
            LogReminderFault(_logger, exception, RunId);
        }
    }

    private void FlushRunLog()
    {
        var lines = _runLogger?.Drain() ?? [];
        if (lines.Count == 0)
        {
            return;
        }

        // Appends are chained so the log keeps its order, and run off the grain so no step waits for them.
        var previous = _logFlush;
        var runId = RunId;
        _logFlush = Task.Run(async () =>
        {
            await previous;
            try
            {
                await _logStore.AppendAsync(runId, lines, CancellationToken.None);
            }
            catch (Exception exception)
            {
                LogRunLogFailed(_logger, exception, runId);
            }
        });
    }

    private void EnsureExists()
    {
        if (!_state.RecordExists)
        {
            throw new JobNotFoundException("run", RunId);
        }
    }

    private void EnsureNotFinished(string verb)
    {
        if (State.Status.IsFinished())
        {
            throw new JobConflictException($"Run '{RunId}' is {State.Status.ToString().ToLowerInvariant()} and cannot be {verb}.");
        }
    }

    private static bool IsActive(RunStatus status) =>
        status is RunStatus.Pending or RunStatus.Running or RunStatus.Sleeping or RunStatus.Retrying;

    private RunError ToRunError(Exception exception) => RunErrors.From(exception, State.Attempt, _time.GetUtcNow());

    private RunCatalogEntry CatalogEntry() => new()
    {
        RunId = RunId,
        JobId = State.JobId,
        Type = Definition.Type,
        Status = State.Status,
        Attempt = State.Attempt,
        Steps = State.Step,
        CreatedAt = State.CreatedAt,
        FinishedAt = State.FinishedAt,
        Error = State.Error?.Message,
    };

    private RunSnapshot Snapshot() => new()
    {
        RunId = RunId,
        JobId = State.JobId,
        Type = Definition.Type,
        Occurrence = State.Occurrence,
        Status = State.Status,
        Attempt = State.Attempt,
        MaximumAttempts = Definition.Retry.MaximumAttempts,
        Step = State.Step,
        Silo = _silo,
        CreatedAt = State.CreatedAt,
        LastCheckpointAt = State.LastCheckpointAt,
        FinishedAt = State.FinishedAt,
        WakeAt = State.WakeAt,
        RetryAt = State.RetryAt,
        Error = State.Error,
        ResultReference = State.ResultReference,
        PauseRequested = _pauseRequested,
        KeepAliveMissing = _keepAliveMissing && IsActive(State.Status),
        CheckpointJson = State.Checkpoint?.State.GetRawText(),
        TerminationReason = State.TerminationReason,
        Progress = State.Checkpoint?.Progress,
        SinkFailures = [.. State.SinkFailures],
    };
}
