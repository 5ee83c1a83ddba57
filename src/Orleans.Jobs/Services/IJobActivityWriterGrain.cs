namespace Orleans.Jobs.Services;

/// <summary>The writes to a job's activity log (<see cref="IJobActivityGrain"/>), made only by the engine and job code.</summary>
[Alias("Orleans.Jobs.Services.IJobActivityWriterGrain")]
internal interface IJobActivityWriterGrain : IGrainWithStringKey
{
    /// <summary>Adds an entry.</summary>
    [Alias("Add")]
    Task AddAsync(ActivityEntry entry);

    /// <summary>Removes everything (the job was deleted).</summary>
    [Alias("Clear")]
    Task ClearAsync();
}
