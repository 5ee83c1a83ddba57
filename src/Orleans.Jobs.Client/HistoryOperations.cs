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

    /// <summary>
    /// The job's activity log, newest first: its own notifications, the engine's notes on the job, and one note per
    /// finished run in its history.
    /// </summary>
    public async Task<IReadOnlyList<ActivityEntry>> GetActivityAsync(string jobId, int limit = 100, CancellationToken cancellationToken = default)
    {
        JobIds.Validate(jobId);
        var stored = grains.Reference<IJobActivityGrain>(jobId).ListAsync(limit).WaitAsync(cancellationToken);
        var history = RunsOfAsync(jobId, limit, cancellationToken);
        return ActivityView.Merge(await stored.ConfigureAwait(false), await history.ConfigureAwait(false), limit);
    }

    private async Task<IReadOnlyList<RunHistoryEntry>> RunsOfAsync(string jobId, int limit, CancellationToken cancellationToken)
    {
        try
        {
            return await Job(jobId).GetHistoryAsync(limit).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (JobNotFoundException)
        {
            // A deleted job keeps no history; what its activity grain holds is all there is.
            return [];
        }
    }

    /// <summary>One job's totals: runs completed, failed and terminated in its current generation, and the success rate.</summary>
    public async Task<JobStats> GetStatsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = await Job(jobId).GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return new JobStats
        {
            Jobs = 1,
            JobsByStatus = new Dictionary<JobLifecycle, long> { [job.Status] = 1 },
            Completed = job.Completed,
            Failed = job.Failed,
            Terminated = job.Terminated,
            Unhealthy = job.Health.Status == JobHealthStatus.Unhealthy ? 1 : 0,
        };
    }

    /// <summary>Totals over every job matching <paramref name="filter"/>, e.g. a label such as <c>env=prod</c>.</summary>
    public Task<JobStats> GetStatsAsync(JobCatalogQuery filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return grains.GetGrain<IJobQueryGrain>(0).GetStatsAsync(filter).WaitAsync(cancellationToken);
    }

    private IJobGrain Job(string jobId)
    {
        JobIds.Validate(jobId);
        return grains.Reference<IJobGrain>(jobId);
    }
}
