using Azure.Data.Tables;

namespace Orleans.Jobs.Samples.OfflineStores;

/// <summary>Imported stores as rows of a Table (partition <c>stores</c>, row = store id), upserted in batches of up to 100.</summary>
public sealed class TableOfflineStoreDestination(TableClient table) : IOfflineStoreDestination
{
    /// <summary>The partition every store row is in.</summary>
    public const string Partition = "stores";

    /// <inheritdoc />
    public async Task UpsertAsync(IReadOnlyList<OfflineStore> stores, CancellationToken cancellationToken)
    {
        // One transaction per 100 rows of a partition, the most Table storage takes; a store listed twice keeps its last.
        foreach (var chunk in stores.DistinctBy(s => s.Id).Chunk(100))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(store => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, store.Id)
                {
                    ["Name"] = store.Name,
                    ["Location"] = store.Location,
                })),
                cancellationToken);
        }
    }
}
