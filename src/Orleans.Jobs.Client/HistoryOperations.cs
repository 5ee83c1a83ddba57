namespace Orleans.Jobs.Client;

/// <summary>What happened to a job: its finished runs, its scheduled occurrences, its activity log.</summary>
public sealed class HistoryOperations(IGrainFactory grains)
{
    /// <summary>Finished runs, newest first: start, end, status, attempts, error, result reference.</summary>
    public Task<IReadOnlyList<RunHistoryEntry>> GetRunsAsync(string jobId, int limit = 100, CancellationToken cancellationToken = default) =>
        Job(jobId).GetHistoryAsync(limit).WaitAsync(cancellationToken);

    /// <summary>Scheduled occurrences, newest first, with the run each started or why it did not run.</summary>
    public Task<IReadOnlyList<OccurrenceRecord>> GetOccurrencesAsync(string jobId, int limit = 100, CancellationToken cancellationToken = default) =>
        Job(jobId).GetOccurrencesAsync(limit).WaitAsync(cancellationToken);

    /// <summary>The job's activity log, newest first: its own notifications and the engine's notes on finished runs.</summary>
    public Task<IReadOnlyList<ActivityEntry>> GetActivityAsync(string jobId, int limit = 100, CancellationToken cancellationToken = default)
    {
        JobIds.Validate(jobId);
        return grains.GetGrain<IJobActivityGrain>(jobId).ListAsync(limit).WaitAsync(cancellationToken);
    }

    private IJobGrain Job(string jobId)
    {
        JobIds.Validate(jobId);
        return grains.GetGrain<IJobGrain>(jobId);
    }
}
