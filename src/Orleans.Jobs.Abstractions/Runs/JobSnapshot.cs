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
}
