namespace Orleans.Jobs;

/// <summary>A job's activity log, newest first and bounded. Keyed by the job id. Written by the engine and by job code.</summary>
[Alias("Orleans.Jobs.IJobActivityGrain")]
public interface IJobActivityGrain : IGrainWithStringKey
{
    /// <summary>The newest entries, at most <paramref name="limit"/>.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ActivityEntry>> ListAsync(int limit);
}
