using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// Orleans reminders on Table storage. Rows are partitioned by service and grain hash, so a silo's hash range is a key
/// range query (two for a range that wraps around the ring). Upserts return the row's fresh ETag; removes are
/// conditional on it.
/// </summary>
internal sealed partial class TableReminderTable(
    AzureStorageClients clients,
    IOptions<AzureStorageJobsOptions> options,
    IOptions<ClusterOptions> cluster,
    ILogger<TableReminderTable> logger) : IReminderTable
{
    private TableClient Table => clients.Tables.GetTableClient(options.Value.ReminderTable);

    private string ServiceId => StorageKeys.ForTable(cluster.Value.ServiceId);

    public Task Init() => StartAsync(CancellationToken.None);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.CreateIfNotExistsAsync(cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            throw new OrleansConfigurationException($"Reminder table '{options.Value.ReminderTable}' could not be created: {exception.Status} {exception.ErrorCode}.", exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        var partition = Partition(grainId.GetUniformHashCode());
        // Rows "{grain}|{name}": the range from "{grain}|" up to "{grain}}" ('}' follows '|') holds exactly this grain's.
        var prefix = StorageKeys.ForTable(grainId.ToString()) + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        return new ReminderTableData(await QueryAsync(filter, cancellationToken));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        // Orleans' ranges are (begin, end]; begin >= end wraps around the ring (begin == end is all of it).
        var rows = new List<ReminderEntry>();
        if (begin < end)
        {
            rows.AddRange(await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey gt {Partition(begin)} and PartitionKey le {Partition(end)}"), cancellationToken));
        }
        else
        {
            rows.AddRange(await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey gt {Partition(begin)} and PartitionKey le {Partition(uint.MaxValue)}"), cancellationToken));
            rows.AddRange(await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey ge {Partition(0)} and PartitionKey le {Partition(end)}"), cancellationToken));
        }

        return new ReminderTableData(rows);
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.GetEntityIfExistsAsync<ReminderEntity>(Partition(grainId.GetUniformHashCode()), Row(grainId, reminderName), cancellationToken: cancellationToken);
            return response.HasValue ? ToEntry(response.Value!) : null;
        }
        catch (RequestFailedException exception)
        {
            throw Fault("read", exception);
        }
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var hash = entry.GrainId.GetUniformHashCode();
        var entity = new ReminderEntity
        {
            PartitionKey = Partition(hash),
            RowKey = Row(entry.GrainId, entry.ReminderName),
            GrainId = entry.GrainId.ToString(),
            ReminderName = entry.ReminderName,
            StartAt = DateTime.SpecifyKind(entry.StartAt.ToUniversalTime(), DateTimeKind.Utc),
            PeriodTicks = entry.Period.Ticks,
            GrainHash = hash,
        };
        try
        {
            var response = await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString() ?? throw new OrleansException("The reminder upsert returned no ETag.");
        }
        catch (RequestFailedException exception)
        {
            throw Fault("upsert", exception);
        }
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        var (partition, row) = (Partition(grainId.GetUniformHashCode()), Row(grainId, reminderName));
        try
        {
            // Azurite answers a conditional delete of a missing row with success; look first so both report "gone".
            var current = await Table.GetEntityIfExistsAsync<ReminderEntity>(partition, row, select: ["PartitionKey"], cancellationToken: cancellationToken);
            if (!current.HasValue)
            {
                LogRemoveConflict(grainId, reminderName, 404);
                return false;
            }

            await Table.DeleteEntityAsync(partition, row, new ETag(eTag), cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            LogRemoveConflict(grainId, reminderName, exception.Status);
            return false;
        }
        catch (RequestFailedException exception)
        {
            throw Fault("remove", exception);
        }
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Partition(0)} and PartitionKey le {Partition(uint.MaxValue)}");
        await foreach (var entity in Table.QueryAsync<ReminderEntity>(filter, cancellationToken: cancellationToken))
        {
            await Table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
        }
    }

    private async Task<List<ReminderEntry>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        try
        {
            var rows = new List<ReminderEntry>();
            await foreach (var entity in Table.QueryAsync<ReminderEntity>(filter, cancellationToken: cancellationToken))
            {
                rows.Add(ToEntry(entity));
            }

            return rows;
        }
        catch (RequestFailedException exception)
        {
            throw Fault("query", exception);
        }
    }

    private string Partition(uint hash) => $"{ServiceId}_{hash:X8}";

    private static string Row(GrainId grainId, string reminderName) => $"{StorageKeys.ForTable(grainId.ToString())}|{StorageKeys.ForTable(reminderName)}";

    private static ReminderEntry ToEntry(ReminderEntity entity) => new()
    {
        GrainId = GrainId.Parse(entity.GrainId),
        ReminderName = entity.ReminderName,
        StartAt = DateTime.SpecifyKind(entity.StartAt, DateTimeKind.Utc),
        Period = TimeSpan.FromTicks(entity.PeriodTicks),
        ETag = entity.ETag.ToString(),
    };

    private OrleansException Fault(string operation, RequestFailedException exception)
    {
        LogFault(exception, operation, options.Value.ReminderTable, exception.Status);
        return new OrleansException($"Reminder table '{options.Value.ReminderTable}': the {operation} failed: {exception.Status} {exception.ErrorCode}.", exception);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder {ReminderName} of {GrainId} was not removed (status {Status}): gone or changed.")]
    private partial void LogRemoveConflict(GrainId grainId, string reminderName, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder table {Table}: the {Operation} failed with status {Status}.")]
    private partial void LogFault(Exception exception, string operation, string table, int status);
}
