using Azure;
using Azure.Data.Tables;

namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// A reminder row: partition <c>{serviceId}_{grain hash:X8}</c> (so hash ranges are key ranges), row
/// <c>{grain id}|{reminder name}</c>, both escaped.
/// </summary>
internal sealed class ReminderEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string GrainId { get; set; } = string.Empty;

    public string ReminderName { get; set; } = string.Empty;

    public DateTime StartAt { get; set; }

    public long PeriodTicks { get; set; }

    public long GrainHash { get; set; }
}
