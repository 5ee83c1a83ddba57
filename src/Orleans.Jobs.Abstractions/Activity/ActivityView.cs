namespace Orleans.Jobs;

/// <summary>
/// A job's activity log as callers see it: the entries stored in its activity grain (job code's notes, the engine's
/// notes on the job) merged with one engine entry per finished run, derived from the job's run history when read
/// rather than written per run. Pure.
/// </summary>
public static class ActivityView
{
    /// <summary>The activity title of a finished run.</summary>
    public static string RunTitle(RunStatus status) => status switch
    {
        RunStatus.Completed => "Run completed",
        RunStatus.Terminated => "Run terminated",
        _ => "Run failed",
    };

    /// <summary>The engine's entry for one finished run.</summary>
    public static ActivityEntry OfRun(RunHistoryEntry run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (level, summary) = run.Status switch
        {
            RunStatus.Completed => (ActivityLevel.Success, $"{run.Steps} steps in {run.Attempts} attempt(s)."),
            RunStatus.Terminated => (ActivityLevel.Warning, run.TerminationReason ?? "terminated"),
            _ => (ActivityLevel.Error, run.Error is { } error ? $"{error.Type}: {error.Message}" : "failed"),
        };
        return new ActivityEntry
        {
            At = run.FinishedAt,
            Level = level,
            Activity = "run",
            Title = RunTitle(run.Status),
            Summary = summary.Length > 8000 ? summary[..8000] : summary,
            RunId = run.RunId,
            FromEngine = true,
        };
    }

    /// <summary>
    /// The newest <paramref name="limit"/> entries of <paramref name="stored"/> and of the runs in
    /// <paramref name="history"/>, newest first; of entries at the same instant, runs come first.
    /// </summary>
    public static IReadOnlyList<ActivityEntry> Merge(IReadOnlyList<ActivityEntry> stored, IReadOnlyList<RunHistoryEntry> history, int limit)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(history);
        return
        [
            .. history.Select(OfRun).Select((entry, order) => (entry, source: 0, order))
                .Concat(stored.Select((entry, order) => (entry, source: 1, order)))
                .OrderByDescending(item => item.entry.At)
                .ThenBy(item => item.source)
                .ThenBy(item => item.order)
                .Take(limit)
                .Select(item => item.entry),
        ];
    }
}
