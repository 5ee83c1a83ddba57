using System.Collections.Concurrent;

namespace Orleans.Jobs.Tests.TestJobs;

/// <summary>
/// What test jobs did, recorded from inside the job: every Perform and Prepare, with the silo that ran it.
/// Process-wide, because in-process test silos share it; entries are keyed by run id so tests never collide.
/// </summary>
public static class StepLedger
{
    private static readonly ConcurrentQueue<StepRecord> _steps = new();
    private static readonly ConcurrentQueue<PrepareRecord> _prepares = new();

    public static void RecordStep(StepRecord record) => _steps.Enqueue(record);

    public static void RecordPrepare(PrepareRecord record) => _prepares.Enqueue(record);

    public static IReadOnlyList<StepRecord> StepsOf(string runId) => [.. _steps.Where(s => s.RunId == runId)];

    public static IReadOnlyList<StepRecord> StepsOfJob(string jobId) => [.. _steps.Where(s => s.RunId.StartsWith(jobId + "/", StringComparison.Ordinal))];

    public static IReadOnlyList<PrepareRecord> PreparesOf(string runId) => [.. _prepares.Where(p => p.RunId == runId)];
}

public sealed record StepRecord(string RunId, int Step, int Attempt, string Silo, DateTimeOffset At);

/// <summary>A Prepare call; <paramref name="ResumedAt"/> is the step the checkpoint resumed at, or null for a fresh start.</summary>
public sealed record PrepareRecord(string RunId, int? ResumedAt, int Attempt, string Silo);
