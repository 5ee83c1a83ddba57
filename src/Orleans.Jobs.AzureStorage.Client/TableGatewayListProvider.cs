using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Orleans.Jobs.AzureStorage;

/// <summary>Clients find gateways in the membership table: the active silos of their cluster that have a gateway port.</summary>
internal sealed class TableGatewayListProvider(
    AzureStorageClients clients,
    IOptions<AzureStorageJobsOptions> options,
    IOptions<ClusterOptions> cluster,
    IOptions<GatewayOptions> gateways) : IGatewayListProvider
{
    private TableClient Table => clients.Tables.GetTableClient(options.Value.MembershipTable);

    public TimeSpan MaxStaleness => gateways.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public async Task<IList<Uri>> GetGateways()
    {
        var partition = StorageKeys.ForTable(cluster.Value.ClusterId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Status eq {nameof(SiloStatus.Active)}");
        var uris = new List<Uri>();
        try
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(filter))
            {
                var entry = MembershipRows.ToEntry(row);
                if (entry.ProxyPort > 0)
                {
                    var address = entry.SiloAddress;
                    uris.Add(SiloAddress.New(address.Endpoint.Address, entry.ProxyPort, address.Generation).ToGatewayUri());
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No silo has created the table yet: no gateways yet.
        }
        catch (RequestFailedException exception)
        {
            throw new OrleansException($"Reading gateways from membership table '{options.Value.MembershipTable}' failed: {exception.Status} {exception.ErrorCode}.", exception);
        }

        return uris;
    }
}
