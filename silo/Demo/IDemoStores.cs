using Orleans.Jobs.Samples.OfflineStores;

namespace Orleans.Jobs.Silo.Demo;

/// <summary>The demo's side of the offline-store import: where files are dropped, and how many stores have landed.</summary>
internal interface IDemoStores
{
    /// <summary>Where the stores land, for people.</summary>
    string Destination { get; }

    /// <summary>Creates what is missing (container, table).</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Drops a file of stores into the source; returns false when a file of that name was there already.</summary>
    Task<bool> AddFileAsync(string name, IReadOnlyList<OfflineStore> stores, CancellationToken cancellationToken);

    /// <summary>How many stores the destination holds.</summary>
    Task<int> CountImportedAsync(CancellationToken cancellationToken);
}
