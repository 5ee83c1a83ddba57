namespace Orleans.Jobs;

/// <summary>One execution in a job's history.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.RunHistoryEntry")]
public sealed record RunHistoryEntry
{
    /// <summary>The run id.</summary>
    [Id(0)]
    public required string RunId { get; init; }

    /// <summary>The final status: completed, failed or terminated.</summary>
    [Id(1)]
    public required RunStatus Status { get; init; }

    /// <summary>Attempts taken.</summary>
    [Id(2)]
    public int Attempts { get; init; }

    /// <summary>Perform steps committed.</summary>
    [Id(3)]
    public long Steps { get; init; }

    /// <summary>When the run was accepted.</summary>
    [Id(4)]
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run finished.</summary>
    [Id(5)]
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>The last error, for failed runs.</summary>
    [Id(6)]
    public RunError? Error { get; init; }

    /// <summary>Where the sink put the result.</summary>
    [Id(7)]
    public string? ResultReference { get; init; }

    /// <summary>Why the run was terminated, when it was (a cancel's reason, an overlap policy, a delete).</summary>
    [Id(8)]
    public string? TerminationReason { get; init; }

    /// <summary>Run time from acceptance to finish.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>The history entry of a finished run, from its snapshot; <paramref name="now"/> stands in for a missing finish time.</summary>
    public static RunHistoryEntry Of(RunSnapshot run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunHistoryEntry
        {
            RunId = run.RunId,
            Status = run.Status,
            Attempts = run.Attempt,
            Steps = run.Step,
            StartedAt = run.CreatedAt,
            FinishedAt = run.FinishedAt ?? now,
            Error = run.Status == RunStatus.Completed ? null : run.Error,
            ResultReference = run.ResultReference,
            TerminationReason = run.TerminationReason,
        };
    }
}
