namespace Orleans.Jobs;

/// <summary>A job as stored: definition, version, generation, status and counters.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.JobSnapshot")]
public sealed record JobSnapshot
{
    /// <summary>The definition.</summary>
    [Id(0)]
    public required JobDefinition Definition { get; init; }

    /// <summary>The definition's version: 1 on create, + 1 on every update.</summary>
    [Id(1)]
    public long Version { get; init; }

    /// <summary>Grows each time the id is deleted and created again.</summary>
    [Id(2)]
    public long Generation { get; init; }

    /// <summary>The job's status.</summary>
    [Id(3)]
    public JobLifecycle Status { get; init; }

    /// <summary>When the job was created.</summary>
    [Id(4)]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the definition last changed.</summary>
    [Id(5)]
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Runs started and not finished.</summary>
    [Id(6)]
    public IReadOnlyList<string> ActiveRuns { get; init; } = [];

    /// <summary>Runs finished, by final status.</summary>
    [Id(7)]
    public long Completed { get; init; }

    /// <summary>Runs that failed.</summary>
    [Id(8)]
    public long Failed { get; init; }

    /// <summary>Runs that were terminated.</summary>
    [Id(9)]
    public long Terminated { get; init; }

    /// <summary>The most recent finished run.</summary>
    [Id(10)]
    public RunHistoryEntry? LastRun { get; init; }

    /// <summary>The next scheduled occurrence not yet handled; <see langword="null"/> when none will come.</summary>
    [Id(11)]
    public DateTimeOffset? NextFireAt { get; init; }

    /// <summary>Occurrences held by the overlap policy, oldest first.</summary>
    [Id(12)]
    public IReadOnlyList<DateTimeOffset> Buffered { get; init; } = [];

    /// <summary>Runs started by the schedule in this generation (what <see cref="JobDefinition.Limit"/> counts).</summary>
    [Id(13)]
    public long ScheduledRuns { get; init; }

    /// <summary>Since when the job is paused, when it is.</summary>
    [Id(14)]
    public DateTimeOffset? PausedAt { get; init; }

    /// <summary>The silo that answered: where the job's activation (and so its schedule timer) lives.</summary>
    [Id(15)]
    public string? Silo { get; init; }

    /// <summary>When the job was cancelled, if it was: no fire comes again until it is rescheduled.</summary>
    [Id(16)]
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>The reason given when the job was cancelled.</summary>
    [Id(17)]
    public string? CancellationReason { get; init; }

    /// <summary>The job's current or last backfill; null when it never had one.</summary>
    [Id(18)]
    public BackfillProgress? Backfill { get; init; }

    /// <summary>Health against <see cref="JobDefinition.SuccessWithin"/>, evaluated when the snapshot was taken.</summary>
    [Id(19)]
    public JobHealth Health { get; init; } = new() { Status = JobHealthStatus.NotTracked };
}
