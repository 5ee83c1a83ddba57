using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// Orleans cluster membership on Table storage. Every change to a silo's row commits in one transaction with a
/// conditional update of the cluster's version row (If-Match its ETag), so of two silos changing membership on the
/// same version exactly one wins; <c>IAmAlive</c> updates merge the silo's row only, without a version bump.
/// </summary>
internal sealed partial class TableMembershipTable(
    AzureStorageClients clients,
    IOptions<AzureStorageJobsOptions> options,
    IOptions<ClusterOptions> cluster,
    ILogger<TableMembershipTable> logger) : IMembershipTable
{
    private TableClient Table => clients.Tables.GetTableClient(options.Value.MembershipTable);

    private string Partition => StorageKeys.ForTable(cluster.Value.ClusterId);

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await CallAsync("create the table", () => Table.CreateIfNotExistsAsync());
        if (!tryInitTableVersion)
        {
            return;
        }

        try
        {
            await Table.AddEntityAsync(MembershipRows.VersionRow(Partition, 0));
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Another silo made it first.
        }
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        var partition = StorageKeys.ForTable(clusterId);
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["PartitionKey", "RowKey"]))
        {
            await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All);
        }
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        var data = await ReadAll();
        foreach (var (entry, etag) in data.Members)
        {
            if (entry.Status == SiloStatus.Dead && entry.IAmAliveTime < beforeDate.UtcDateTime)
            {
                try
                {
                    await Table.DeleteEntityAsync(Partition, MembershipRows.SiloRowKey(entry.SiloAddress), new ETag(etag));
                    LogDefunctRemoved(entry.SiloAddress);
                }
                catch (RequestFailedException exception) when (exception.Status is 404 or 412)
                {
                    // Changed or removed meanwhile: leave it to the next cleanup.
                }
            }
        }
    }

    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and (RowKey eq {MembershipRows.VersionRowKey} or RowKey eq {MembershipRows.SiloRowKey(key)})");
        return await ReadAsync(filter);
    }

    public Task<MembershipTableData> ReadAll() => ReadAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"));

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        CommitAsync(new TableTransactionAction(TableTransactionActionType.Add, MembershipRows.ToRow(Partition, entry)), tableVersion, "insert", entry.SiloAddress);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        CommitAsync(new TableTransactionAction(TableTransactionActionType.UpdateReplace, MembershipRows.ToRow(Partition, entry), new ETag(etag)), tableVersion, "update", entry.SiloAddress);

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        var row = new TableEntity(Partition, MembershipRows.SiloRowKey(entry.SiloAddress))
        {
            ["IAmAliveTime"] = DateTime.SpecifyKind(entry.IAmAliveTime.ToUniversalTime(), DateTimeKind.Utc),
        };
        await CallAsync("update IAmAlive", () => Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge));
    }

    /// <summary>The silo row change and the version row's conditional bump, in one transaction: both or neither.</summary>
    private async Task<bool> CommitAsync(TableTransactionAction siloChange, TableVersion tableVersion, string operation, SiloAddress silo)
    {
        var versionUpdate = new TableTransactionAction(
            TableTransactionActionType.UpdateReplace,
            MembershipRows.VersionRow(Partition, tableVersion.Version),
            new ETag(tableVersion.VersionEtag));
        try
        {
            await Table.SubmitTransactionAsync([siloChange, versionUpdate]);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            LogConflict(operation, silo, tableVersion.Version, exception.Status);
            return false;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            LogConflict(operation, silo, tableVersion.Version, exception.Status);
            return false;
        }
        catch (RequestFailedException exception)
        {
            throw Fault(operation, exception);
        }
    }

    private async Task<MembershipTableData> ReadAsync(string filter)
    {
        var members = new List<Tuple<MembershipEntry, string>>();
        TableVersion? version = null;
        try
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(filter))
            {
                if (row.RowKey == MembershipRows.VersionRowKey)
                {
                    version = new TableVersion(row.GetInt32("Version") ?? 0, row.ETag.ToString());
                }
                else
                {
                    members.Add(Tuple.Create(MembershipRows.ToEntry(row), row.ETag.ToString()));
                }
            }
        }
        catch (RequestFailedException exception)
        {
            throw Fault("read", exception);
        }

        return new MembershipTableData(members, version ?? new TableVersion(0, string.Empty));
    }

    private async Task CallAsync(string operation, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RequestFailedException exception)
        {
            throw Fault(operation, exception);
        }
    }

    private OrleansException Fault(string operation, RequestFailedException exception)
    {
        LogFault(exception, operation, options.Value.MembershipTable, exception.Status);
        return new OrleansException($"Membership table '{options.Value.MembershipTable}': could not {operation}: {exception.Status} {exception.ErrorCode}.", exception);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership {Operation} of {Silo} lost to a concurrent change (version {Version}, status {Status}).")]
    private partial void LogConflict(string operation, SiloAddress silo, int version, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the defunct membership entry of {Silo}.")]
    private partial void LogDefunctRemoved(SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership table {Table}: could not {Operation} (status {Status}).")]
    private partial void LogFault(Exception exception, string operation, string table, int status);
}
