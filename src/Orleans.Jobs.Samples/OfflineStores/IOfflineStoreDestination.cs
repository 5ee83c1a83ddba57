namespace Orleans.Jobs.Samples.OfflineStores;

/// <summary>Where imported stores go (the seed's data platform). Upserts by id.</summary>
public interface IOfflineStoreDestination
{
    /// <summary>Upserts a batch of stores.</summary>
    Task UpsertAsync(IReadOnlyList<OfflineStore> stores, CancellationToken cancellationToken);
}
