namespace Orleans.Jobs;

/// <summary>Run a job's past occurrences in [<see cref="From"/>, <see cref="To"/>] that have no run.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.BackfillRequest")]
public sealed record BackfillRequest
{
    /// <summary>The first instant of the range (inclusive).</summary>
    [Id(0)]
    public required DateTimeOffset From { get; init; }

    /// <summary>The last instant of the range (inclusive); not in the future.</summary>
    [Id(1)]
    public required DateTimeOffset To { get; init; }

    /// <summary>Backfill runs active at once, 1–100. Default 1: one after another, oldest first.</summary>
    [Id(2)]
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>How backfill runs share the job with its live runs. Default <see cref="BackfillOverlap.RunAlongside"/>.</summary>
    [Id(3)]
    public BackfillOverlap Overlap { get; init; } = BackfillOverlap.RunAlongside;

    /// <summary>Only report what would run; start nothing.</summary>
    [Id(4)]
    public bool DryRun { get; init; }
}
