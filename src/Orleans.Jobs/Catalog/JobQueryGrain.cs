using Orleans.Concurrency;
using Orleans.Jobs.Logs;

namespace Orleans.Jobs.Catalog;

/// <summary>Answers catalog and run-log queries on whichever silo the caller reaches; holds no state.</summary>
[StatelessWorker]
internal sealed class JobQueryGrain(IJobCatalog catalog, IRunLogStore logs) : Grain, IJobQueryGrain
{
    /// <summary>Most log lines one read returns.</summary>
    private const int MaximumLogLines = 1000;

    public Task<CatalogPage<JobCatalogEntry>> QueryJobsAsync(JobCatalogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return catalog.QueryJobsAsync(query, CancellationToken.None);
    }

    public Task<CatalogPage<RunCatalogEntry>> QueryRunsAsync(RunCatalogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.JobId is { } jobId)
        {
            JobIds.Validate(jobId, "jobId");
        }

        return catalog.QueryRunsAsync(query, CancellationToken.None);
    }

    public async Task<JobStats> GetStatsAsync(JobCatalogQuery filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return JobStats.Of(await CatalogScan.AllJobsAsync(catalog, filter));
    }

    public Task<IReadOnlyList<RunLogLine>> ReadRunLogAsync(string runId, int skip, int take)
    {
        JobIds.ParseRunId(runId);
        if (skip < 0)
        {
            throw new JobValidationException("skip", $"must not be negative, not {skip}.");
        }

        if (take is < 1 or > MaximumLogLines)
        {
            throw new JobValidationException("take", $"must be 1–{MaximumLogLines}, not {take}.");
        }

        return logs.ReadAsync(runId, skip, take, CancellationToken.None);
    }
}
