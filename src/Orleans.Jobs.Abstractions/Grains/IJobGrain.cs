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

    /// <summary>Starts a run now (or finds the run already started with the same idempotency key). Refused while paused.</summary>
    [Alias("Trigger")]
    Task<RunSnapshot> TriggerAsync(TriggerRequest request);

    /// <summary>Finished runs, newest first, at most <paramref name="limit"/>.</summary>
    [Alias("GetHistory")]
    Task<IReadOnlyList<RunHistoryEntry>> GetHistoryAsync(int limit);

    /// <summary>The occurrence ledger, newest first, at most <paramref name="limit"/> entries.</summary>
    [Alias("GetOccurrences")]
    Task<IReadOnlyList<OccurrenceRecord>> GetOccurrencesAsync(int limit);

    /// <summary>
    /// Pauses the job: its schedule fires nothing and its active runs pause between steps; triggers are refused.
    /// Pausing a paused job changes nothing.
    /// </summary>
    [Alias("Pause")]
    Task<JobSnapshot> PauseAsync();

    /// <summary>
    /// Resumes the job and its paused runs. Fires that fell in the pause follow the misfire policy (by default one
    /// runs now); the ledger records the others as skipped while paused.
    /// </summary>
    [Alias("Resume")]
    Task<JobSnapshot> ResumeAsync();

    /// <summary>
    /// Cancels the job: its active runs are terminated with <paramref name="reason"/>, its schedule stops, buffered
    /// fires are dropped, and it refuses triggers, pause and resume until rescheduled. Cancelling again changes nothing.
    /// </summary>
    [Alias("Cancel")]
    Task<JobSnapshot> CancelAsync(string reason);

    /// <summary>
    /// Gives the job new timing (a new version of its definition), counts its limit afresh, and lifts a cancel; the
    /// next fire is computed from now. <see cref="JobConflictException"/> when the job is not at <paramref name="expectedVersion"/>.
    /// </summary>
    [Alias("Reschedule")]
    Task<JobSnapshot> RescheduleAsync(RescheduleRequest request, long expectedVersion);

    /// <summary>
    /// Retries the job's last run, which failed: one more attempt after <paramref name="delay"/> (0 – 1 day), from its
    /// last checkpoint, under the same run id. <see cref="JobConflictException"/> when the last run did not fail, or
    /// the job is paused or cancelled.
    /// </summary>
    [Alias("Retry")]
    Task<RunSnapshot> RetryAsync(TimeSpan delay);

    /// <summary>
    /// Runs the job's occurrences in the request's past range that have no run yet (the ledger and history say which
    /// have one; a run id is per occurrence, so none runs twice), at most <c>MaxConcurrency</c> at a time, oldest first.
    /// Its runs do not count toward the job's limit nor follow its overlap policy. A dry run only reports. One backfill
    /// at a time: another while one is under way is a <see cref="JobConflictException"/>; pause holds it, cancel drops it.
    /// </summary>
    [Alias("Backfill")]
    Task<BackfillResult> BackfillAsync(BackfillRequest request);

    /// <summary>
    /// Deletes the job, terminating its active runs and clearing its key-value store and activity log. Creating the id
    /// again starts a new generation.
    /// </summary>
    [Alias("Delete")]
    Task DeleteAsync();
}
