namespace Orleans.Jobs;

/// <summary>One entry of a job's activity log.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.ActivityEntry")]
public sealed record ActivityEntry
{
    /// <summary>When it was recorded.</summary>
    [Id(0)]
    public required DateTimeOffset At { get; init; }

    /// <summary>Success, warning or error.</summary>
    [Id(1)]
    public required ActivityLevel Level { get; init; }

    /// <summary>What it is about, e.g. <c>Offline Store Import</c>; the engine uses <c>run</c> and <c>job</c>.</summary>
    [Id(2)]
    public required string Activity { get; init; }

    /// <summary>A short headline.</summary>
    [Id(3)]
    public required string Title { get; init; }

    /// <summary>The details.</summary>
    [Id(4)]
    public string Summary { get; init; } = string.Empty;

    /// <summary>The run it came from, when it came from one.</summary>
    [Id(5)]
    public string? RunId { get; init; }

    /// <summary>Whether the engine wrote it (else the job's code did).</summary>
    [Id(6)]
    public bool FromEngine { get; init; }
}
