namespace Orleans.Jobs;

/// <summary>What a backfill found in its range and queued (or, for a dry run, would queue).</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.BackfillResult")]
public sealed record BackfillResult
{
    /// <summary>The job's occurrences in the range.</summary>
    [Id(0)]
    public required int Occurrences { get; init; }

    /// <summary>Of those, the ones that already have a run (and are left alone).</summary>
    [Id(1)]
    public required int AlreadyRun { get; init; }

    /// <summary>The occurrences queued to run (or that would be), oldest first.</summary>
    [Id(2)]
    public required IReadOnlyList<DateTimeOffset> Queued { get; init; }

    /// <summary>Whether this was a dry run.</summary>
    [Id(3)]
    public bool DryRun { get; init; }
}
