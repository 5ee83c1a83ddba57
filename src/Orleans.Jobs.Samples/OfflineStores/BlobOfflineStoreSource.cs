using System.Text.Json;
using Azure.Storage.Blobs;

namespace Orleans.Jobs.Samples.OfflineStores;

/// <summary>Offline-store files as JSON blobs in a container (the seed's Azure storage account).</summary>
public sealed class BlobOfflineStoreSource(BlobContainerClient container) : IOfflineStoreSource
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<StorageFile>> ListFilesAsync(CancellationToken cancellationToken)
    {
        var files = new List<StorageFile>();
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            files.Add(new StorageFile(blob.Name, (blob.Properties.LastModified ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds()));
        }

        return files;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OfflineStore>> ReadFileAsync(string name, CancellationToken cancellationToken)
    {
        var content = (await container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content;
        return JsonSerializer.Deserialize<List<OfflineStore>>(content, JobJson.Options) ?? [];
    }
}
