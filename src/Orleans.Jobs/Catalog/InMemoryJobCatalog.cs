namespace Orleans.Jobs.Catalog;

/// <summary>
/// <see cref="IJobCatalog"/> in this process's memory. The continuation token is the last id returned; entries are
/// kept in ordinal id order, so a page boundary never skips or repeats an entry that did not change.
/// </summary>
public sealed class InMemoryJobCatalog : IJobCatalog
{
    private readonly SortedDictionary<string, JobCatalogEntry> _jobs = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, RunCatalogEntry> _runs = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task UpsertJobAsync(JobCatalogEntry entry, CancellationToken cancellationToken)
    {
        lock (_jobs)
        {
            _jobs[entry.JobId] = entry;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        lock (_jobs)
        {
            _jobs.Remove(jobId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UpsertRunAsync(RunCatalogEntry entry, CancellationToken cancellationToken)
    {
        lock (_runs)
        {
            _runs[entry.RunId] = entry;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<CatalogPage<JobCatalogEntry>> QueryJobsAsync(JobCatalogQuery query, CancellationToken cancellationToken)
    {
        CatalogQueryValidation.ValidateLimit(query.Limit);
        lock (_jobs)
        {
            return Task.FromResult(Page(_jobs, query.Continuation, query.Limit, entry =>
                (query.Status is null || entry.Status == query.Status)
                && (query.Type is null || string.Equals(entry.Type, query.Type, StringComparison.Ordinal))
                && (query.CreatedFrom is null || entry.CreatedAt >= query.CreatedFrom)
                && (query.CreatedTo is null || entry.CreatedAt < query.CreatedTo)
                && CatalogQueryValidation.HasLabels(entry.Labels, query.Labels)));
        }
    }

    /// <inheritdoc />
    public Task<CatalogPage<RunCatalogEntry>> QueryRunsAsync(RunCatalogQuery query, CancellationToken cancellationToken)
    {
        CatalogQueryValidation.ValidateLimit(query.Limit);
        lock (_runs)
        {
            return Task.FromResult(Page(_runs, query.Continuation, query.Limit, entry =>
                (query.JobId is null || string.Equals(entry.JobId, query.JobId, StringComparison.Ordinal))
                && (query.Status is null || entry.Status == query.Status)
                && (query.CreatedFrom is null || entry.CreatedAt >= query.CreatedFrom)
                && (query.CreatedTo is null || entry.CreatedAt < query.CreatedTo)));
        }
    }

    private static CatalogPage<T> Page<T>(SortedDictionary<string, T> entries, string? continuation, int limit, Func<T, bool> match)
    {
        var items = new List<T>(Math.Min(limit, entries.Count));
        string? lastKey = null;
        var more = false;
        foreach (var (key, entry) in entries)
        {
            if (continuation is not null && string.CompareOrdinal(key, continuation) <= 0)
            {
                continue;
            }

            if (!match(entry))
            {
                continue;
            }

            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(entry);
            lastKey = key;
        }

        return new CatalogPage<T> { Items = items, Continuation = more ? lastKey : null };
    }
}
