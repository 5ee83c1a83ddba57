using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Jobs.Cli.Output;

/// <summary>How runs, their history and their logs look in a terminal.</summary>
internal static class RunViews
{
    public static Table Catalog(IEnumerable<RunCatalogEntry> runs)
    {
        var table = CliOutput.Table("RUN", "STATUS", "ATTEMPT", "STEPS", "CREATED", "FINISHED", "ERROR");
        foreach (var run in runs)
        {
            table.AddRow(
                new Text(run.RunId),
                CliOutput.Status(run.Status.ToString()),
                new Text(run.Attempt.ToString(CultureInfo.InvariantCulture)),
                new Text(run.Steps.ToString(CultureInfo.InvariantCulture)),
                new Text(CliOutput.Local(run.CreatedAt)),
                new Text(CliOutput.Local(run.FinishedAt)),
                new Text(run.Error ?? ""));
        }

        return table;
    }

    public static Table History(IReadOnlyList<RunHistoryEntry> runs)
    {
        var table = CliOutput.Table("#", "RUN", "STATUS", "STARTED", "FINISHED", "DURATION", "ATTEMPTS", "ERROR", "RESULT");
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            table.AddRow(
                new Text((runs.Count - i).ToString(CultureInfo.InvariantCulture)),
                new Text(run.RunId),
                CliOutput.Status(run.Status.ToString()),
                new Text(CliOutput.Local(run.StartedAt)),
                new Text(CliOutput.Local(run.FinishedAt)),
                new Text(CliOutput.Duration(run.Duration)),
                new Text(run.Attempts.ToString(CultureInfo.InvariantCulture)),
                new Text(run.Error is { } error ? $"{error.Type}: {error.Message}" : run.TerminationReason ?? ""),
                new Text(run.ResultReference ?? ""));
        }

        return table;
    }

    public static IRenderable Status(RunSnapshot run) => CliOutput.Details(
    [
        ("run", run.RunId),
        ("job", $"{run.JobId} ({run.Type})"),
        ("status", run.Status.ToString().ToLowerInvariant() + (run.PauseRequested ? " (pause requested)" : "")),
        ("step", run.Step.ToString(CultureInfo.InvariantCulture)),
        ("attempt", $"{run.Attempt} of {run.MaximumAttempts}"),
        ("progress", run.Progress is { } progress ? Progress(progress) : null),
        ("silo", run.Silo),
        ("created", CliOutput.Local(run.CreatedAt)),
        ("last checkpoint", CliOutput.Local(run.LastCheckpointAt)),
        ("wakes at", run.WakeAt is null ? null : CliOutput.Local(run.WakeAt)),
        ("retries at", run.RetryAt is null ? null : CliOutput.Local(run.RetryAt)),
        ("finished", CliOutput.Local(run.FinishedAt)),
        ("error", run.Error is { } error ? $"{error.Type}: {error.Message}" : null),
        ("terminated", run.TerminationReason),
        ("result", run.ResultReference),
    ]);

    public static void WriteLog(CliOutput output, RunLogLine line)
    {
        var colour = line.Level switch
        {
            "Error" or "Critical" => "red",
            "Warning" => "yellow",
            "Debug" or "Trace" => "grey",
            _ => "default",
        };
        output.Line($"[grey]{Markup.Escape(CliOutput.Local(line.Timestamp))}[/] [{colour}]{Markup.Escape(line.Level),-11}[/] {Markup.Escape(line.Message)}");
        if (line.Exception is { } exception)
        {
            output.Line($"[red]{Markup.Escape(exception)}[/]");
        }
    }

    private static string Progress(RunProgress progress) =>
        progress is { Running: 0, Retrying: 0, Failed: 0 }
            ? $"{progress.Completed} completed, {progress.Pending} pending"
            : $"{progress.Completed} completed, {progress.Pending} pending ({progress.Running} running, {progress.Retrying} retrying), {progress.Failed} failed";
}
