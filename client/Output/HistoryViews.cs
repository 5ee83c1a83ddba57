using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Jobs.Cli.Output;

/// <summary>How stats, occurrences, notifications and webhooks look in a terminal.</summary>
internal static class HistoryViews
{
    public static IRenderable Stats(JobStats stats) => CliOutput.Details(
    [
        ("jobs", stats.Jobs.ToString(CultureInfo.InvariantCulture)),
        ("by status", string.Join(", ", stats.JobsByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key.ToString().ToLowerInvariant()} {s.Value}"))),
        ("runs finished", stats.Finished.ToString(CultureInfo.InvariantCulture)),
        ("completed", stats.Completed.ToString(CultureInfo.InvariantCulture)),
        ("failed", stats.Failed.ToString(CultureInfo.InvariantCulture)),
        ("terminated", stats.Terminated.ToString(CultureInfo.InvariantCulture)),
        ("success rate", stats.SuccessRate is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "—"),
        ("unhealthy jobs", stats.Unhealthy.ToString(CultureInfo.InvariantCulture)),
    ]);

    public static Table Occurrences(IEnumerable<OccurrenceRecord> records)
    {
        var table = CliOutput.Table("OCCURRENCE", "OUTCOME", "RUN", "DETAIL", "RECORDED");
        foreach (var record in records)
        {
            table.AddRow(
                new Text(CliOutput.Local(record.Occurrence)),
                new Text(record.Outcome.ToString()),
                new Text(record.RunId ?? ""),
                new Text(record.Detail ?? ""),
                new Text(CliOutput.Local(record.RecordedAt)));
        }

        return table;
    }

    public static Table Notifications(IEnumerable<ActivityEntry> entries)
    {
        var table = CliOutput.Table("AT", "LEVEL", "ACTIVITY", "TITLE", "SUMMARY", "RUN");
        foreach (var entry in entries)
        {
            var colour = entry.Level switch { ActivityLevel.Error => "red", ActivityLevel.Warning => "yellow", _ => "green" };
            table.AddRow(
                new Text(CliOutput.Local(entry.At)),
                new Markup($"[{colour}]{entry.Level.ToString().ToLowerInvariant()}[/]"),
                new Text(entry.Activity + (entry.FromEngine ? " (engine)" : "")),
                new Text(entry.Title),
                new Text(entry.Summary),
                new Text(entry.RunId ?? ""));
        }

        return table;
    }

    public static Table Webhooks(IEnumerable<WebhookSubscription> subscriptions)
    {
        var table = CliOutput.Table("ID", "URL", "EVENTS", "JOB", "LABELS", "CREATED", "DESCRIPTION");
        foreach (var subscription in subscriptions)
        {
            table.AddRow(
                new Text(subscription.Id),
                new Text(subscription.Url.ToString()),
                new Text(subscription.Events.Count == 0 ? "all" : string.Join(", ", subscription.Events)),
                new Text(subscription.JobId ?? "any"),
                new Text(CliOutput.Labels(subscription.Labels)),
                new Text(CliOutput.Local(subscription.CreatedAt)),
                new Text(subscription.Description ?? ""));
        }

        return table;
    }

    public static Table Deliveries(IEnumerable<WebhookDelivery> deliveries)
    {
        var table = CliOutput.Table("EVENT", "TYPE", "JOB", "STATUS", "ATTEMPTS", "HTTP", "LAST ATTEMPT", "NEXT ATTEMPT", "ERROR");
        foreach (var delivery in deliveries)
        {
            table.AddRow(
                new Text(delivery.EventId),
                new Text(delivery.EventType),
                new Text(delivery.JobId),
                CliOutput.Status(delivery.Status.ToString()),
                new Text(delivery.Attempts.ToString(CultureInfo.InvariantCulture)),
                new Text(delivery.LastStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "—"),
                new Text(CliOutput.Local(delivery.LastAttemptAt)),
                new Text(CliOutput.Local(delivery.NextAttemptAt)),
                new Text(delivery.LastError ?? ""));
        }

        return table;
    }
}
