namespace Orleans.Jobs;

/// <summary>A job: its definition, runs, history. Keyed by the job id.</summary>
[Alias("Orleans.Jobs.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the job. Creating it again with the same definition is accepted and returns the stored job;
    /// a different definition is a <see cref="JobConflictException"/>.
    /// </summary>
    [Alias("Create")]
    Task<JobSnapshot> CreateAsync(JobDefinition definition);

    /// <summary>Replaces the definition if <paramref name="expectedVersion"/> is current; else <see cref="JobConflictException"/>.</summary>
    [Alias("Update")]
    Task<JobSnapshot> UpdateAsync(JobDefinition definition, long expectedVersion);

    /// <summary>The job; <see cref="JobNotFoundException"/> when there is none.</summary>
    [Alias("Get")]
    Task<JobSnapshot> GetAsync();

    /// <summary>Starts a run now (or finds the run already started with the same idempotency key).</summary>
    [Alias("Trigger")]
    Task<RunSnapshot> TriggerAsync(TriggerRequest request);

    /// <summary>Finished runs, newest first, at most <paramref name="limit"/>.</summary>
    [Alias("GetHistory")]
    Task<IReadOnlyList<RunHistoryEntry>> GetHistoryAsync(int limit);

    /// <summary>Deletes the job, terminating its active runs. Creating the id again starts a new generation.</summary>
    [Alias("Delete")]
    Task DeleteAsync();

    /// <summary>Called by a run grain when its run finishes; idempotent per run id.</summary>
    [Alias("RunFinished")]
    Task RunFinishedAsync(RunHistoryEntry entry);
}
