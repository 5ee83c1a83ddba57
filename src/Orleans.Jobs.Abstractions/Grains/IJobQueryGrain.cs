namespace Orleans.Jobs;

/// <summary>
/// Queries across jobs and runs (the catalog) and run logs, answered by any silo: clients need no storage credentials.
/// Use key 0.
/// </summary>
[Alias("Orleans.Jobs.IJobQueryGrain")]
public interface IJobQueryGrain : IGrainWithIntegerKey
{
    /// <summary>One page of jobs matching <paramref name="query"/>.</summary>
    [Alias("QueryJobs")]
    Task<CatalogPage<JobCatalogEntry>> QueryJobsAsync(JobCatalogQuery query);

    /// <summary>One page of runs matching <paramref name="query"/>.</summary>
    [Alias("QueryRuns")]
    Task<CatalogPage<RunCatalogEntry>> QueryRunsAsync(RunCatalogQuery query);

    /// <summary>Totals over every job matching <paramref name="filter"/> (its limit and continuation are ignored).</summary>
    [Alias("GetStats")]
    Task<JobStats> GetStatsAsync(JobCatalogQuery filter);

    /// <summary>Up to <paramref name="take"/> lines of a run's log after the first <paramref name="skip"/>, in order.</summary>
    [Alias("ReadRunLog")]
    Task<IReadOnlyList<RunLogLine>> ReadRunLogAsync(string runId, int skip, int take);
}
