namespace Orleans.Jobs.Catalog;

/// <summary>
/// The queryable index of jobs and runs (list, filter, stats). Kept in step by the grains through
/// <see cref="CatalogUpdateQueue"/>, off the run's critical path; the grains' own state stays the source of truth.
/// </summary>
public interface IJobCatalog
{
    /// <summary>Inserts or replaces a job's entry.</summary>
    Task UpsertJobAsync(JobCatalogEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes a job's entry (its runs' entries stay until retention removes them).</summary>
    Task DeleteJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a run's entry.</summary>
    Task UpsertRunAsync(RunCatalogEntry entry, CancellationToken cancellationToken);

    /// <summary>One page of jobs matching <paramref name="query"/>, in job id order.</summary>
    Task<CatalogPage<JobCatalogEntry>> QueryJobsAsync(JobCatalogQuery query, CancellationToken cancellationToken);

    /// <summary>One page of runs matching <paramref name="query"/>, in run id order.</summary>
    Task<CatalogPage<RunCatalogEntry>> QueryRunsAsync(RunCatalogQuery query, CancellationToken cancellationToken);
}
