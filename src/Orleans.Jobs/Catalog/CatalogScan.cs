namespace Orleans.Jobs.Catalog;

/// <summary>Reads every entry a catalog filter matches, page after page.</summary>
internal static class CatalogScan
{
    /// <summary>Every job matching <paramref name="filter"/> (its own limit, offset and continuation are ignored).</summary>
    public static async Task<List<JobCatalogEntry>> AllJobsAsync(IJobCatalog catalog, JobCatalogQuery filter)
    {
        var jobs = new List<JobCatalogEntry>();
        var page = filter with { Limit = CatalogQueryValidation.MaximumLimit, Continuation = null };
        while (true)
        {
            var result = await catalog.QueryJobsAsync(page, CancellationToken.None);
            jobs.AddRange(result.Items);
            if (result.Continuation is null)
            {
                return jobs;
            }

            page = page with { Continuation = result.Continuation };
        }
    }
}
