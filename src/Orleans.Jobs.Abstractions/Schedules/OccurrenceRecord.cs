namespace Orleans.Jobs;

/// <summary>One entry of a job's occurrence ledger: a scheduled fire time and what became of it.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.OccurrenceRecord")]
public sealed record OccurrenceRecord
{
    /// <summary>The scheduled fire time (UTC), without jitter: the occurrence's identity.</summary>
    [Id(0)]
    public required DateTimeOffset Occurrence { get; init; }

    /// <summary>What became of it.</summary>
    [Id(1)]
    public required OccurrenceOutcome Outcome { get; init; }

    /// <summary>When the job recorded it.</summary>
    [Id(2)]
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The run started for it, when one was.</summary>
    [Id(3)]
    public string? RunId { get; init; }

    /// <summary>Why, in words: the active run it overlapped, how late it was, how many more were missed.</summary>
    [Id(4)]
    public string? Detail { get; init; }
}
