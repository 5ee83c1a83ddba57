namespace Orleans.Jobs;

/// <summary>A filter over the run catalog. Every criterion set must match.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.RunCatalogQuery")]
public sealed record RunCatalogQuery
{
    /// <summary>Only runs of this job.</summary>
    [Id(0)]
    public string? JobId { get; init; }

    /// <summary>Only runs with this status.</summary>
    [Id(1)]
    public RunStatus? Status { get; init; }

    /// <summary>Only runs accepted at or after this time.</summary>
    [Id(2)]
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only runs accepted before this time.</summary>
    [Id(3)]
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Page size, 1–1000. Default 100.</summary>
    [Id(4)]
    public int Limit { get; init; } = 100;

    /// <summary>The continuation token of the previous page, or null for the first.</summary>
    [Id(5)]
    public string? Continuation { get; init; }
}
