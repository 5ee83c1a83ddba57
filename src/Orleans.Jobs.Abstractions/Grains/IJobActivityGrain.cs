namespace Orleans.Jobs;

/// <summary>A job's activity log, newest first and bounded. Keyed by the job id.</summary>
[Alias("Orleans.Jobs.IJobActivityGrain")]
public interface IJobActivityGrain : IGrainWithStringKey
{
    /// <summary>Adds an entry.</summary>
    [Alias("Add")]
    Task AddAsync(ActivityEntry entry);

    /// <summary>The newest entries, at most <paramref name="limit"/>.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ActivityEntry>> ListAsync(int limit);

    /// <summary>Removes everything (the job was deleted).</summary>
    [Alias("Clear")]
    Task ClearAsync();
}
