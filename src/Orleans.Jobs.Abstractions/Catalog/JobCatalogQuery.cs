namespace Orleans.Jobs;

/// <summary>A filter over the job catalog. Every criterion set must match.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.JobCatalogQuery")]
public sealed record JobCatalogQuery
{
    /// <summary>Only jobs with this status.</summary>
    [Id(0)]
    public JobLifecycle? Status { get; init; }

    /// <summary>Only jobs carrying every one of these labels with these values.</summary>
    [Id(1)]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Only jobs created at or after this time.</summary>
    [Id(2)]
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only jobs created before this time.</summary>
    [Id(3)]
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Page size, 1–1000. Default 100.</summary>
    [Id(4)]
    public int Limit { get; init; } = 100;

    /// <summary>The continuation token of the previous page, or null for the first.</summary>
    [Id(5)]
    public string? Continuation { get; init; }

    /// <summary>Only jobs of this type.</summary>
    [Id(6)]
    public string? Type { get; init; }

    /// <summary>
    /// Skip this many matching jobs before the page (0–100,000), instead of a continuation; the page's continuation
    /// reads on from there. Costs a read of the skipped entries. Default 0.
    /// </summary>
    [Id(7)]
    public int Offset { get; init; }
}
