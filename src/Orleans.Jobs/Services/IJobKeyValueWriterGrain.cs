namespace Orleans.Jobs.Services;

/// <summary>The writes to a job's key-value store (<see cref="IJobKeyValueGrain"/>), made only by job code and the engine.</summary>
[Alias("Orleans.Jobs.Services.IJobKeyValueWriterGrain")]
internal interface IJobKeyValueWriterGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="json"/> under <paramref name="key"/>; <see cref="JobValidationException"/> when too large or not JSON.</summary>
    [Alias("Put")]
    Task PutAsync(string key, string json);

    /// <summary>Removes <paramref name="key"/>; returns whether it was there.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(string key);

    /// <summary>Removes everything (the job was deleted).</summary>
    [Alias("Clear")]
    Task ClearAsync();
}
