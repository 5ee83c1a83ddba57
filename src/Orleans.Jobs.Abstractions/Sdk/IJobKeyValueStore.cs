namespace Orleans.Jobs;

/// <summary>
/// A job's key-value store: small JSON values that persist across its runs (the last file imported, a cursor).
/// Shared by every run of the job; deleted with the job. Values are written at once, not with the checkpoint.
/// </summary>
public interface IJobKeyValueStore
{
    /// <summary>The value under <paramref name="key"/>, or <see langword="default"/> when there is none.</summary>
    Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any value there.</summary>
    Task PutAsync<T>(string key, T value, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="key"/>; returns whether it was there.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);
}
