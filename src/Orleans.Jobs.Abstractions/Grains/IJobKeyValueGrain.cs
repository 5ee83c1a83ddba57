namespace Orleans.Jobs;

/// <summary>
/// A job's key-value store (see <see cref="IJobKeyValueStore"/>), read side. Keyed by the job id; values are JSON
/// text. Written only by the job's own code, through the engine.
/// </summary>
[Alias("Orleans.Jobs.IJobKeyValueGrain")]
public interface IJobKeyValueGrain : IGrainWithStringKey
{
    /// <summary>The JSON under <paramref name="key"/>, or <see langword="null"/>.</summary>
    [Alias("Get")]
    Task<string?> GetAsync(string key);

    /// <summary>Every key and its JSON.</summary>
    [Alias("List")]
    Task<IReadOnlyDictionary<string, string>> ListAsync();
}
