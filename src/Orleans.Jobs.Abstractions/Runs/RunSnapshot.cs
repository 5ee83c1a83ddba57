namespace Orleans.Jobs;

/// <summary>A run's runtime status, as of the moment it was read.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.RunSnapshot")]
public sealed record RunSnapshot
{
    /// <summary>The run id: <c>{jobId}/{generation}/{occurrence}</c>.</summary>
    [Id(0)]
    public required string RunId { get; init; }

    /// <summary>The job id.</summary>
    [Id(1)]
    public required string JobId { get; init; }

    /// <summary>The job type's name.</summary>
    [Id(2)]
    public required string Type { get; init; }

    /// <summary>The run's status.</summary>
    [Id(3)]
    public required RunStatus Status { get; init; }

    /// <summary>The current attempt, from 1.</summary>
    [Id(4)]
    public int Attempt { get; init; }

    /// <summary>Attempts allowed by the retry policy.</summary>
    [Id(5)]
    public int MaximumAttempts { get; init; }

    /// <summary>Perform steps committed so far.</summary>
    [Id(6)]
    public long Step { get; init; }

    /// <summary>The silo hosting the run's activation (where its status was read).</summary>
    [Id(7)]
    public string? Silo { get; init; }

    /// <summary>When the run was accepted.</summary>
    [Id(8)]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the last checkpoint was committed.</summary>
    [Id(9)]
    public DateTimeOffset? LastCheckpointAt { get; init; }

    /// <summary>When the run finished.</summary>
    [Id(10)]
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Wake time of a sleeping run.</summary>
    [Id(11)]
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>Time of the next attempt of a retrying run.</summary>
    [Id(12)]
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>The last error, if any attempt failed.</summary>
    [Id(13)]
    public RunError? Error { get; init; }

    /// <summary>Where the sink put the result, once completed.</summary>
    [Id(14)]
    public string? ResultReference { get; init; }

    /// <summary>True when a pause was requested and the step in flight has not finished yet.</summary>
    [Id(15)]
    public bool PauseRequested { get; init; }

    /// <summary>The last committed checkpoint's state as JSON (null before the first commit).</summary>
    [Id(16)]
    public string? CheckpointJson { get; init; }

    /// <summary>The occurrence: a fire time or <c>manual-{key}</c>.</summary>
    [Id(17)]
    public required string Occurrence { get; init; }

    /// <summary>Why the run was terminated, if it was.</summary>
    [Id(18)]
    public string? TerminationReason { get; init; }

    /// <summary>Work items done and pending, as the job last reported them (at its last checkpoint).</summary>
    [Id(19)]
    public RunProgress? Progress { get; init; }

    /// <summary>Result deliveries to webhook sinks that were given up, with why.</summary>
    [Id(20)]
    public IReadOnlyList<string> SinkFailures { get; init; } = [];

    /// <summary>
    /// The run is active but its keep-alive reminder (what brings it back if its silo dies) is not stored yet; the
    /// job then watches over it until it finishes.
    /// </summary>
    [Id(21)]
    public bool KeepAliveMissing { get; init; }

    /// <summary>True when the run has completed, failed or been terminated.</summary>
    public bool IsFinished => Status.IsFinished();
}
