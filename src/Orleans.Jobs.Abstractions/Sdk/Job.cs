using System.Text.Json;

namespace Orleans.Jobs;

/// <summary>
/// Base class for job types: a state machine over <typeparamref name="TState"/>. Prepare runs on a fresh start and
/// on every resume; Perform does one small unit of work and returns the next status, which the engine checkpoints.
/// </summary>
/// <typeparam name="TState">The job's own state; serialized with System.Text.Json (web defaults).</typeparam>
public abstract class Job<TState> : IJob
{
    private IJobContext? _context;

    /// <summary>The run this instance works for: ids, attempt, parameters, logger, batchers, clock.</summary>
    protected IJobContext Context => _context ?? throw new InvalidOperationException("The job has not been bound to a run yet.");

    /// <summary>
    /// Version of <typeparamref name="TState"/>'s shape. Raise it when the shape changes and override
    /// <see cref="ReadState"/> to upgrade checkpoints written by older versions. Default 1.
    /// </summary>
    protected virtual int StateVersion => 1;

    /// <summary>
    /// Sets up the run. <paramref name="resumeFrom"/> is null on a fresh start and the last committed status on a
    /// resume (after an eviction, a silo's death or a retry): return it to continue where the run left off.
    /// </summary>
    public abstract Task<JobStatus<TState>> PrepareAsync(
        JobParameters parameters, JobStatus<TState>? resumeFrom, CancellationToken cancellationToken);

    /// <summary>Does one small unit of work and returns the next status; call <see cref="JobStatus{TState}.Complete"/> when done.</summary>
    public abstract Task<JobStatus<TState>> PerformAsync(JobStatus<TState> status, CancellationToken cancellationToken);

    /// <summary>Reads a checkpointed state written with <paramref name="version"/>; override to upgrade old shapes.</summary>
    protected virtual TState ReadState(JsonElement state, int version) =>
        state.Deserialize<TState>(JobJson.Options) ?? throw new InvalidOperationException(
            $"The checkpoint of job type {GetType().Name} holds a null state.");

    void IJob.Bind(IJobContext context) => _context = context ?? throw new ArgumentNullException(nameof(context));

    async Task<JobCheckpoint> IJob.PrepareAsync(JobParameters parameters, JobCheckpoint? resumeFrom, CancellationToken cancellationToken)
    {
        var status = await PrepareAsync(parameters, resumeFrom is null ? null : ToStatus(resumeFrom), cancellationToken).ConfigureAwait(false);
        return ToCheckpoint(status ?? throw new InvalidOperationException($"{GetType().Name}.PrepareAsync returned null."));
    }

    async Task<JobCheckpoint> IJob.PerformAsync(JobCheckpoint current, CancellationToken cancellationToken)
    {
        var status = await PerformAsync(ToStatus(current), cancellationToken).ConfigureAwait(false);
        return ToCheckpoint(status ?? throw new InvalidOperationException($"{GetType().Name}.PerformAsync returned null."));
    }

    private JobStatus<TState> ToStatus(JobCheckpoint checkpoint) =>
        new(ReadState(checkpoint.State, checkpoint.StateVersion)) { StateVersion = checkpoint.StateVersion, Progress = checkpoint.Progress };

    private JobCheckpoint ToCheckpoint(JobStatus<TState> status) => new()
    {
        State = JsonSerializer.SerializeToElement(status.State, JobJson.Options),
        StateVersion = StateVersion,
        Complete = status.IsComplete,
        Result = status.Result is null ? null : JsonSerializer.SerializeToElement(status.Result, status.Result.GetType(), JobJson.Options),
        WakeAt = status.WakeAt,
        SleepFor = status.SleepFor,
        Progress = status.Progress,
    };
}
