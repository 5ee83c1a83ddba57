using Orleans.Concurrency;
using Orleans.Jobs.Logs;

namespace Orleans.Jobs.Catalog;

/// <summary>Answers catalog and run-log queries on whichever silo the caller reaches; holds no state.</summary>
[StatelessWorker]
internal sealed class JobQueryGrain(IJobCatalog catalog, IRunLogStore logs) : Grain, IJobQueryGrain
{
    /// <summary>Most log lines one read returns.</summary>
    private const int MaximumLogLines = 1000;

    public async Task<CatalogPage<JobCatalogEntry>> QueryJobsAsync(JobCatalogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        CatalogQueryValidation.ValidateLimit(query.Limit);
        CatalogQueryValidation.ValidateOffset(query.Offset, query.Continuation);
        if (query.Offset == 0)
        {
            return await catalog.QueryJobsAsync(query, CancellationToken.None);
        }

        // Skip with pages sized to what is left to skip, so the last skipped entry ends a page and its continuation
        // starts the requested page exactly (whatever form a backend's continuation takes).
        var remaining = query.Offset;
        string? continuation = null;
        while (remaining > 0)
        {
            var skipped = await catalog.QueryJobsAsync(
                query with { Offset = 0, Limit = Math.Min(remaining, CatalogQueryValidation.MaximumLimit), Continuation = continuation },
                CancellationToken.None);
            remaining -= skipped.Items.Count;
            continuation = skipped.Continuation;
            if (continuation is null)
            {
                return new CatalogPage<JobCatalogEntry> { Items = [] };
            }
        }

        return await catalog.QueryJobsAsync(query with { Offset = 0, Continuation = continuation }, CancellationToken.None);
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
