namespace Orleans.Jobs;

/// <summary>A job's current or last backfill.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.BackfillProgress")]
public sealed record BackfillProgress
{
    /// <summary>The range's start.</summary>
    [Id(0)]
    public required DateTimeOffset From { get; init; }

    /// <summary>The range's end.</summary>
    [Id(1)]
    public required DateTimeOffset To { get; init; }

    /// <summary>The concurrency cap.</summary>
    [Id(2)]
    public required int MaxConcurrency { get; init; }

    /// <summary>How its runs share the job with live runs.</summary>
    [Id(3)]
    public required BackfillOverlap Overlap { get; init; }

    /// <summary>Occurrences still waiting to start.</summary>
    [Id(4)]
    public required int Pending { get; init; }

    /// <summary>Its runs active now.</summary>
    [Id(5)]
    public IReadOnlyList<string> ActiveRuns { get; init; } = [];

    /// <summary>Runs it has started so far.</summary>
    [Id(6)]
    public required int Started { get; init; }

    /// <summary>When it was requested.</summary>
    [Id(7)]
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>When its last run finished (or it was dropped by a cancel); null while it is under way.</summary>
    [Id(8)]
    public DateTimeOffset? FinishedAt { get; init; }
}
