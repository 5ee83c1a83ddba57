using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Jobs.Cli.Output;

/// <summary>How jobs look in a terminal.</summary>
internal static class JobViews
{
    public static Table List(IEnumerable<JobCatalogEntry> jobs)
    {
        var table = CliOutput.Table("ID", "TYPE", "STATUS", "LAST RUN", "LAST RUN AT", "COMPLETED", "FAILED", "HEALTH", "LABELS");
        foreach (var job in jobs)
        {
            table.AddRow(
                new Text(job.JobId),
                new Text(job.Type),
                CliOutput.Status(job.Status.ToString()),
                job.LastRunStatus is { } last ? CliOutput.Status(last.ToString()) : new Text("—"),
                new Text(CliOutput.Local(job.LastRunAt)),
                new Text(job.Completed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(job.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                job.UnhealthySince is null ? new Text("") : CliOutput.Status("unhealthy"),
                new Text(CliOutput.Labels(job.Labels)));
        }

        return table;
    }

    public static IRenderable Details(JobSnapshot job)
    {
        var definition = job.Definition;
        var rows = new List<(string, string?)>
        {
            ("id", definition.Id),
            ("type", definition.Type),
            ("status", job.Status.ToString().ToLowerInvariant()),
            ("version", $"{job.Version} (generation {job.Generation})"),
            ("description", definition.Description),
            ("schedules", definition.Schedules.Count == 0 ? "none (manual triggers only)" : string.Join("; ", definition.Schedules.Select(Describe))),
            ("next fire", CliOutput.Local(job.NextFireAt)),
            ("overlap", definition.Overlap.ToString()),
            ("limit", definition.Limit is { } limit ? $"{job.ScheduledRuns} of {limit} scheduled runs" : $"{job.ScheduledRuns} scheduled runs, no limit"),
            ("parameters", definition.Parameters.Json),
            ("labels", CliOutput.Labels(definition.Labels)),
            ("active runs", job.ActiveRuns.Count == 0 ? "none" : string.Join(", ", job.ActiveRuns)),
            ("last run", job.LastRun is { } last ? $"{last.RunId} {last.Status.ToString().ToLowerInvariant()} at {CliOutput.Local(last.FinishedAt)}" : null),
            ("runs", $"{job.Completed} completed, {job.Failed} failed, {job.Terminated} terminated"),
            ("health", Health(job.Health)),
            ("created", CliOutput.Local(job.CreatedAt)),
            ("updated", CliOutput.Local(job.UpdatedAt)),
        };
        if (job.PausedAt is { } paused)
        {
            rows.Add(("paused since", CliOutput.Local(paused)));
        }

        if (job.CancelledAt is { } cancelled)
        {
            rows.Add(("cancelled", $"{CliOutput.Local(cancelled)}: {job.CancellationReason}"));
        }

        if (job.Backfill is { } backfill)
        {
            rows.Add(("backfill", $"{CliOutput.Local(backfill.From)} – {CliOutput.Local(backfill.To)}: {backfill.Started} started, {backfill.ActiveRuns.Count} running, {backfill.Pending} waiting"
                + (backfill.FinishedAt is { } done ? $", finished {CliOutput.Local(done)}" : "")));
        }

        return CliOutput.Details(rows);
    }

    public static string Describe(Schedule schedule) => schedule switch
    {
        CronSchedule cron => $"cron '{cron.Expression}' ({cron.TimeZone})",
        IntervalSchedule interval => $"every {interval.Every}" + (interval.Offset > TimeSpan.Zero ? $" offset {interval.Offset}" : ""),
        OneTimeSchedule once => $"once at {CliOutput.Local(once.At)}",
        CalendarSchedule calendar => $"calendar ({calendar.TimeZone})",
        _ => schedule.GetType().Name,
    };

    private static string Health(JobHealth health) => health.Status switch
    {
        JobHealthStatus.Healthy => $"healthy (a success is due by {CliOutput.Local(health.DueBy)})",
        JobHealthStatus.Unhealthy => $"unhealthy since {CliOutput.Local(health.UnhealthySince)} (last success {CliOutput.Local(health.LastSuccessAt)})",
        _ => "not tracked",
    };
}
