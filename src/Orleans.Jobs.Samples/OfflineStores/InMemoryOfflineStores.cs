using System.Collections.Concurrent;

namespace Orleans.Jobs.Samples.OfflineStores;

/// <summary>
/// A source and destination in memory, for tests and demos: add files, read back the stores and the order in which
/// files were read. Optionally slow, so a test can kill a silo in the middle of an import.
/// </summary>
public sealed class InMemoryOfflineStores : IOfflineStoreSource, IOfflineStoreDestination
{
    private readonly ConcurrentDictionary<string, (StorageFile File, IReadOnlyList<OfflineStore> Stores)> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OfflineStore> _imported = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _reads = new();

    /// <summary>How long reading a file takes. Default none.</summary>
    public TimeSpan ReadDelay { get; set; }

    /// <summary>Stores upserted so far, by id.</summary>
    public IReadOnlyDictionary<string, OfflineStore> Imported => _imported;

    /// <summary>File names in the order they were read (a file read again after a resume appears twice).</summary>
    public IReadOnlyList<string> Reads => [.. _reads];

    /// <summary>Forgets every file, store and read.</summary>
    public void Clear()
    {
        _files.Clear();
        _imported.Clear();
        _reads.Clear();
        ReadDelay = TimeSpan.Zero;
    }

    /// <summary>Adds (or replaces) a file.</summary>
    public void AddFile(string name, DateTimeOffset lastModified, IReadOnlyList<OfflineStore> stores) =>
        _files[name] = (new StorageFile(name, lastModified.ToUnixTimeMilliseconds()), stores);

    /// <inheritdoc />
    public Task<IReadOnlyList<StorageFile>> ListFilesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StorageFile>>([.. _files.Values.Select(f => f.File)]);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OfflineStore>> ReadFileAsync(string name, CancellationToken cancellationToken)
    {
        if (ReadDelay > TimeSpan.Zero)
        {
            await Task.Delay(ReadDelay, cancellationToken).ConfigureAwait(false);
        }

        _reads.Enqueue(name);
        return _files.TryGetValue(name, out var file) ? file.Stores : throw new FileNotFoundException($"No offline-store file '{name}'.", name);
    }

    /// <inheritdoc />
    public Task UpsertAsync(IReadOnlyList<OfflineStore> stores, CancellationToken cancellationToken)
    {
        foreach (var store in stores)
        {
            _imported[store.Id] = store;
        }

        return Task.CompletedTask;
    }
}
