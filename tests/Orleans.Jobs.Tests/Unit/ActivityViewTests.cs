namespace Orleans.Jobs.Tests.Unit;

public sealed class ActivityViewTests
{
    private static readonly DateTimeOffset _noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Merge_StoredNotesAndFinishedRuns_NewestFirst_RunsFirstAtTheSameInstant_UpToTheLimit()
    {
        ActivityEntry[] stored =
        [
            Note("imported 5", _noon.AddMinutes(3)),
            Note("imported 3", _noon.AddMinutes(1)),
        ];
        RunHistoryEntry[] history =
        [
            Run("job/1/b", RunStatus.Failed, _noon.AddMinutes(3), new RunError { Type = "System.IO.IOException", Message = "disk", Attempt = 2, At = _noon }),
            Run("job/1/a", RunStatus.Completed, _noon.AddMinutes(2)),
        ];

        var view = ActivityView.Merge(stored, history, limit: 3);

        Assert.Equal(["Run failed", "imported 5", "Run completed"], view.Select(e => e.Title));
        Assert.Equal((ActivityLevel.Error, "System.IO.IOException: disk", "job/1/b", true), (view[0].Level, view[0].Summary, view[0].RunId, view[0].FromEngine));
        Assert.Equal((ActivityLevel.Success, "4 steps in 1 attempt(s)."), (view[2].Level, view[2].Summary));
    }

    [Fact]
    public void OfRun_Terminated_IsAWarningWithItsReason()
    {
        var entry = ActivityView.OfRun(Run("job/1/c", RunStatus.Terminated, _noon) with { TerminationReason = "job deleted" });

        Assert.Equal(("run", "Run terminated", ActivityLevel.Warning, "job deleted", _noon), (entry.Activity, entry.Title, entry.Level, entry.Summary, entry.At));
    }

    private static ActivityEntry Note(string title, DateTimeOffset at) =>
        new() { At = at, Level = ActivityLevel.Success, Activity = "Import", Title = title };

    private static RunHistoryEntry Run(string runId, RunStatus status, DateTimeOffset finishedAt, RunError? error = null) =>
        new() { RunId = runId, Status = status, Attempts = 1, Steps = 4, StartedAt = finishedAt.AddSeconds(-5), FinishedAt = finishedAt, Error = error };
}
