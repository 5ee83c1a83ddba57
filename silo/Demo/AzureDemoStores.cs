using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Orleans.Jobs.Samples.OfflineStores;

namespace Orleans.Jobs.Silo.Demo;

/// <summary>The demo's stores in Azure Storage: files as blobs in a container, imported stores as rows of a Table.</summary>
internal sealed class AzureDemoStores(BlobContainerClient container, TableClient table) : IDemoStores
{
    public string Destination => $"table '{table.Name}'";

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await table.CreateIfNotExistsAsync(cancellationToken);
    }

    public async Task<bool> AddFileAsync(string name, IReadOnlyList<OfflineStore> stores, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(name).UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(stores, JobJson.Options)), overwrite: false, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    public async Task<int> CountImportedAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>($"PartitionKey eq '{TableOfflineStoreDestination.Partition}'", select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }
}
