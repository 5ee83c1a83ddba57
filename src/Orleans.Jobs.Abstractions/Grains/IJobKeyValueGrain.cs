namespace Orleans.Jobs;

/// <summary>A job's key-value store (see <see cref="IJobKeyValueStore"/>). Keyed by the job id; values are JSON text.</summary>
[Alias("Orleans.Jobs.IJobKeyValueGrain")]
public interface IJobKeyValueGrain : IGrainWithStringKey
{
    /// <summary>The JSON under <paramref name="key"/>, or <see langword="null"/>.</summary>
    [Alias("Get")]
    Task<string?> GetAsync(string key);

    /// <summary>Stores <paramref name="json"/> under <paramref name="key"/>; <see cref="JobValidationException"/> when too large or not JSON.</summary>
    [Alias("Put")]
    Task PutAsync(string key, string json);

    /// <summary>Removes <paramref name="key"/>; returns whether it was there.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(string key);

    /// <summary>Every key and its JSON.</summary>
    [Alias("List")]
    Task<IReadOnlyDictionary<string, string>> ListAsync();

    /// <summary>Removes everything (the job was deleted).</summary>
    [Alias("Clear")]
    Task ClearAsync();
}
