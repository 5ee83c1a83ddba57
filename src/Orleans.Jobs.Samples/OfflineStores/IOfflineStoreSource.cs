namespace Orleans.Jobs.Samples.OfflineStores;

/// <summary>Where offline-store files come from (an Azure Blob container in production, a folder or memory in tests).</summary>
public interface IOfflineStoreSource
{
    /// <summary>Every file, in any order.</summary>
    Task<IReadOnlyList<StorageFile>> ListFilesAsync(CancellationToken cancellationToken);

    /// <summary>The stores in file <paramref name="name"/>.</summary>
    Task<IReadOnlyList<OfflineStore>> ReadFileAsync(string name, CancellationToken cancellationToken);
}
