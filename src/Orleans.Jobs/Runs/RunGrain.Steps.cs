using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Jobs.Diagnostics;

namespace Orleans.Jobs.Runs;

/// <summary>The step loop: one step per timer turn, job code on the thread pool, bounded by the step deadline.</summary>
internal sealed partial class RunGrain
{
    private readonly CancellationTokenSource _runCancellation = new();
    private readonly CancellationTokenSource _activationCancellation = new();

    private IGrainTimer? _stepTimer;
    private bool _stepQueued;
    private JobInvocation? _invocation;
    private bool _stepInFlight;
    private DateTimeOffset? _stepDueAt;
    private DateTimeOffset? _stepStartedAt;

    private async Task OnStepTimerAsync(CancellationToken cancellationToken)
    {
        _stepQueued = false;
        var justClaimed = _ownershipJustClaimed;
        _ownershipJustClaimed = false;
        LogStepTimerFired(_logger, RunId, State.Status, _stepInFlight, _stale);
        switch (RunWatchdog.OnStepTimer(State, Activation(), _time.GetUtcNow()))
        {
            case StepTimerAction.Ignore:
                return;
            case StepTimerAction.Rearm:
                ArmStep();
                return;
        }

        EnsureKeepAlive();
        _stepInFlight = true;
        _stepDueAt = null;
        _stepStartedAt = _time.GetUtcNow();

        // A step is no request of the activation's: while one is in flight the idle collector must leave it be.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        try
        {
            if (!await IsStillOwnerAsync(justClaimed))
            {
                LogSuperseded(_logger, RunId);
                await ApplyAsync(new RunEvent.Superseded());
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
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    private async Task TakeStepAsync()
    {
        await ApplyAsync(new RunEvent.StepStarting());
        JobCheckpoint next;
        var performed = false;
        string? resultReference = null;
        try
        {
            JobCheckpoint current;
            if (_invocation is not null && State.Checkpoint is { } committed)
            {
                // This activation's job instance goes on from the checkpoint it committed last.
                current = committed;
            }
            else
            {
                await DisposeInvocationAsync();
                var invocation = _invocation = CreateInvocation();
                var resumeFrom = State.Checkpoint;
                _runLogger.Note(LogLevel.Information, resumeFrom is null ? "Prepare (fresh start)." : $"Prepare (resume after step {State.Step}).");
                current = await RunBoundedAsync("prepare", ct => invocation.PrepareAsync(resumeFrom, ct));
            }

            var prepared = StepResult.Read(current, _time.GetUtcNow());
            if (prepared.Complete || prepared.AsksToWait)
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

        LogCommitting(_logger, RunId, State.Step);
        await ApplyAsync(new RunEvent.StepCommitted(next, performed, resultReference));
    }

    private async Task FailAttemptAsync(Exception exception)
    {
        await DisposeInvocationAsync();
        JobsInstrumentation.AttemptsFailed.Add(1, JobsInstrumentation.JobType(Definition.Type));
        var error = RunErrors.From(exception, State.Attempt, _time.GetUtcNow());
        await ApplyAsync(new RunEvent.AttemptFailed(error));
        LogAttemptFailed(_logger, exception, RunId, error.Attempt, State.Status);
    }

    /// <summary>
    /// Arms the step timer for the next step. Short waits keep the activation; long ones let it go, and the
    /// keep-alive reminder (which ticks at least once per KeepAlivePeriod) brings it back in time to arm it again.
    /// </summary>
    private void ArmStep()
    {
        if (_stale)
        {
            return;
        }

        StartWatchdog();
        var now = _time.GetUtcNow();
        var at = RunWatchdog.NextStepAt(State, now);
        // A wait longer than a timer allows is armed in parts: the timer, firing early, finds it not yet time and re-arms.
        var due = Scheduling.TimerLimits.Cap(at - now);
        _stepDueAt = at;
        _stepTimer?.Dispose();
        _stepTimer = this.RegisterGrainTimer(OnStepTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = due < _options.KeepAlivePeriod,
        });
    }

    /// <summary>
    /// Begins the step that is due now in a turn of its own on this activation, without a timer: the caller (the job
    /// grain starting the run, or the step that just committed) does not wait for it. The step is queued outside the
    /// caller's request context, so it is no part of the request that led to it.
    /// </summary>
    private void BeginStep(bool ownershipJustClaimed)
    {
        if (_stale || _stepQueued)
        {
            return;
        }

        StartWatchdog();
        _stepTimer?.Dispose();
        _stepTimer = null;
        _stepQueued = true;
        _stepDueAt = _time.GetUtcNow();
        _ownershipJustClaimed = ownershipJustClaimed;
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Factory.StartNew(
                () => OnStepTimerAsync(CancellationToken.None), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current).Unwrap();
        }
    }

    /// <summary>No step is due on this activation: its step timer and its own watchdog go.</summary>
    private void StopStepping()
    {
        _stepTimer?.Dispose();
        _stepTimer = null;
        _watchdog?.Dispose();
        _watchdog = null;
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
        var work = new JobWork(State.JobId, RunId, State.Occurrence, State.OccurrenceTime, State.Parameters, State.Attempt);
        var context = JobContext.InCluster(GrainFactory, work, _runLogger, _time, _runCancellation.Token, Definition.Payload);
        return JobInvocation.Create(_services, _jobTypes, Definition.Type, _silo, context);
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
}
