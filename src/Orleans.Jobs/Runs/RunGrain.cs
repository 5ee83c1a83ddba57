using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Jobs.Catalog;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Diagnostics;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Logs;
using Orleans.Jobs.Results;

namespace Orleans.Jobs.Runs;

/// <summary>
/// One run of a job. Its persisted state is the checkpoint. Steps run in grain-timer callbacks, one per turn, with
/// the job's code on the thread pool, so status, pause and terminate (this grain is reentrant) answer between and
/// during steps. Every step ends with an ETag-guarded checkpoint before the next is scheduled. While the run is
/// active a keep-alive reminder exists: if the silo dies, the reminder reactivates the run elsewhere, which calls
/// Prepare with the last checkpoint and continues.
/// </summary>
/// <remarks>
/// What a run does next is decided by the pure <see cref="RunStateMachine"/> and <see cref="RunWatchdog"/>; the
/// partial files carry it out by concern: control (<c>.Control</c>), the step loop (<c>.Steps</c>), transitions and
/// writes (<c>.Transitions</c>), keep-alive and watchdog (<c>.KeepAlive</c>), the ownership check
/// (<c>.Ownership</c>), result delivery (<c>.Results</c>), reports to job, catalog and activity (<c>.Reports</c>)
/// and snapshots (<c>.Snapshots</c>). A write that loses an ETag race makes this activation stale: it stops,
/// discards any step in flight and deactivates, and the surviving activation's checkpoint stands.
/// </remarks>
[Reentrant]
internal sealed partial class RunGrain : Grain, IRunGrain, IRunEngineGrain, IRemindable
{
    private readonly IPersistentState<RunState> _state;
    private readonly JobTypeRegistry _jobTypes;
    private readonly RunResultDelivery _results;
    private readonly IRunLogStore _logStore;
    private readonly CatalogUpdateQueue _catalog;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly JobsOptions _options;
    private readonly ILogger<RunGrain> _logger;
    private readonly string _silo;
    private readonly RunLogger _runLogger;
    private string? _runId;

    public RunGrain(
        [PersistentState("run", JobsStorageNames.GrainStorage)] IPersistentState<RunState> state,
        JobTypeRegistry jobTypes,
        RunResultDelivery results,
        IRunLogStore logStore,
        CatalogUpdateQueue catalog,
        IServiceProvider services,
        [FromKeyedServices(JobsTime.Key)] TimeProvider time,
        IOptions<JobsOptions> options,
        ILocalSiloDetails siloDetails,
        ILoggerFactory loggerFactory)
    {
        _state = state;
        _jobTypes = jobTypes;
        _results = results;
        _logStore = logStore;
        _catalog = catalog;
        _services = services;
        _time = time;
        _options = options.Value;
        _logger = loggerFactory.CreateLogger<RunGrain>();
        _silo = siloDetails.SiloAddress.ToString();
        _runLogger = new RunLogger(loggerFactory.CreateLogger("Orleans.Jobs.Run"), time, () => _attempt);
    }

    private RunState State => _state.State;

    // Cached: GetPrimaryKeyString makes a new string on every call, and the id is read on every step and log line.
    private string RunId => _runId ??= this.GetPrimaryKeyString();

    private JobDefinition Definition => State.Definition ?? throw new InvalidOperationException($"Run {RunId} has no definition.");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _attempt = State.Attempt;
        if (_state.RecordExists && State.Status.IsActive())
        {
            LogResuming(_logger, RunId, State.Status, State.Step, _silo);
            JobsInstrumentation.RunsResumed.Add(1, JobsInstrumentation.JobType(Definition.Type));
            _runLogger.Note(LogLevel.Information, $"Run activated on {_silo}; resuming from step {State.Step} ({State.Status}).");

            // The keep-alive reminder is what brings a run back if this activation is lost or its step timer never
            // fires; the activation that wrote the checkpoint may have died before it could register it (seen in the
            // chaos test: a run left Pending for good). Make sure it exists, without holding up the next step.
            _keepAliveMissing = true;
            EnsureKeepAlive();
            ArmStep();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && !_stale && _state.RecordExists
            && (State.Status.IsActive() || _notifyTimer is not null))
        {
            // The silo stops gracefully: the run goes on (or tells its job it finished) elsewhere now rather than at
            // its next keep-alive tick. The message is held while this activation goes and then reaches a new one,
            // placed on a silo that stays.
            LogHandingOver(_logger, RunId, State.Step);
            _ = GrainFactory.Reference<IRunEngineGrain>(RunId).WakeAsync();
        }

        // A step still in flight belongs to this activation only: its result must not be committed after we are gone.
        _stale = true;
        await _activationCancellation.CancelAsync();
        _stepTimer?.Dispose();
        _watchdog?.Dispose();
        await DisposeInvocationAsync();
        FlushRunLog();
        await _logFlush.WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public Task WakeAsync()
    {
        // Activation is most of the work: OnActivateAsync resumes an active run. A finished one tells its job again
        // (which ignores a report it has), as its stopped activation may not have.
        if (_state.RecordExists && State.Status.IsActive() && Activation().Idle)
        {
            ArmStep();
        }
        else if (_state.RecordExists && State.Status.IsFinished() && _notifyTimer is null)
        {
            ScheduleJobNotification();
        }

        return Task.CompletedTask;
    }

    private void EnsureExists()
    {
        if (!_state.RecordExists)
        {
            throw new JobNotFoundException("run", RunId);
        }
    }
}
