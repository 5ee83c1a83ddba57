using System.Globalization;
using Azure.Data.Tables;

namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// How cluster membership is laid out in its table: one partition per cluster, holding a version row and one row per
/// silo (keyed by its address), so a membership change and its version bump commit together in one transaction.
/// </summary>
internal static class MembershipRows
{
    /// <summary>The row key of the cluster's version row.</summary>
    public const string VersionRowKey = "VersionRow";

    public static string SiloRowKey(SiloAddress silo) => StorageKeys.ForTable(silo.ToParsableString());

    public static TableEntity VersionRow(string partition, int version) => new(partition, VersionRowKey) { ["Version"] = version };

    public static TableEntity ToRow(string partition, MembershipEntry entry) => new(partition, SiloRowKey(entry.SiloAddress))
    {
        ["SiloAddress"] = entry.SiloAddress.ToParsableString(),
        ["Status"] = entry.Status.ToString(),
        ["ProxyPort"] = entry.ProxyPort,
        ["HostName"] = entry.HostName,
        ["SiloName"] = entry.SiloName,
        ["RoleName"] = entry.RoleName,
        ["UpdateZone"] = entry.UpdateZone,
        ["FaultZone"] = entry.FaultZone,
        ["StartTime"] = Utc(entry.StartTime),
        ["IAmAliveTime"] = Utc(entry.IAmAliveTime),
        ["SuspectTimes"] = entry.SuspectTimes is { Count: > 0 } suspects
            ? string.Join('|', suspects.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Item1.ToParsableString()};{Utc(s.Item2).Ticks}")))
            : string.Empty,
    };

    public static MembershipEntry ToEntry(TableEntity row) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(row.GetString("SiloAddress")),
        Status = Enum.Parse<SiloStatus>(row.GetString("Status")),
        ProxyPort = row.GetInt32("ProxyPort") ?? 0,
        HostName = row.GetString("HostName"),
        SiloName = row.GetString("SiloName"),
        RoleName = row.GetString("RoleName"),
        UpdateZone = row.GetInt32("UpdateZone") ?? 0,
        FaultZone = row.GetInt32("FaultZone") ?? 0,
        StartTime = row.GetDateTimeOffset("StartTime")?.UtcDateTime ?? default,
        IAmAliveTime = row.GetDateTimeOffset("IAmAliveTime")?.UtcDateTime ?? default,
        SuspectTimes = [.. (row.GetString("SuspectTimes") ?? string.Empty)
            .Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split(';'))
            .Select(p => Tuple.Create(SiloAddress.FromParsableString(p[0]), new DateTime(long.Parse(p[1], CultureInfo.InvariantCulture), DateTimeKind.Utc)))],
    };

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc);
}
