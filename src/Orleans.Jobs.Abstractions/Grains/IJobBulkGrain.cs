namespace Orleans.Jobs;

/// <summary>Operations on every job a filter matches, answered by any silo. Use key 0.</summary>
[Alias("Orleans.Jobs.IJobBulkGrain")]
public interface IJobBulkGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Applies <paramref name="action"/> to every job matching <paramref name="filter"/> to which it applies (pause the
    /// unpaused, resume the paused, retry those whose last run failed…); with <paramref name="dryRun"/>, only reports
    /// which jobs it would touch. <paramref name="reason"/> is required to cancel.
    /// </summary>
    [Alias("Bulk")]
    Task<BulkResult> BulkAsync(BulkAction action, JobCatalogQuery filter, bool dryRun, string? reason);
}
