using Orleans.Jobs.Samples.OfflineStores;

namespace Orleans.Jobs.Silo.Demo;

/// <summary>The demo's stores in memory (<c>Storage:Mode=InMemory</c>).</summary>
internal sealed class InMemoryDemoStores(InMemoryOfflineStores stores, TimeProvider time) : IDemoStores
{
    public string Destination => "memory";

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> AddFileAsync(string name, IReadOnlyList<OfflineStore> files, CancellationToken cancellationToken)
    {
        stores.AddFile(name, time.GetUtcNow(), files);
        return Task.FromResult(true);
    }

    public Task<int> CountImportedAsync(CancellationToken cancellationToken) => Task.FromResult(stores.Imported.Count);
}
