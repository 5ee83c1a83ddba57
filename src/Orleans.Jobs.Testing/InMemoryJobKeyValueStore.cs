using System.Collections.Concurrent;
using System.Text.Json;

namespace Orleans.Jobs.Testing;

/// <summary>
/// A job's key-value store for tests: JSON kept in memory, so values round-trip as in a cluster. Keep one across
/// <see cref="JobTestRunner{TJob}.RunAsync"/> calls to test a job that works incrementally across runs.
/// </summary>
public sealed class InMemoryJobKeyValueStore : IJobKeyValueStore
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Every key and its JSON.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <inheritdoc />
    public Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_values.TryGetValue(key, out var json) ? JsonSerializer.Deserialize<T>(json, JobJson.Options) : default);

    /// <inheritdoc />
    public Task PutAsync<T>(string key, T value, CancellationToken cancellationToken = default)
    {
        _values[key] = JsonSerializer.Serialize(value, JobJson.Options);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(_values.TryRemove(key, out _));
}
