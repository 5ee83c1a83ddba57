namespace Orleans.Jobs;

/// <summary>One thing a payload run does: a job type (or <c>http</c>) with its parameters.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.PayloadItem")]
public sealed record PayloadItem
{
    /// <summary>The job type that runs the item: a registered name, or <see cref="PayloadTypes.Http"/>.</summary>
    [Id(0)]
    public required string Type { get; init; }

    /// <summary>The item's parameters. Default none.</summary>
    [Id(1)]
    public JobParameters Parameters { get; init; } = JobParameters.Empty;

    /// <summary>This item's retry policy, replacing the payload's. Default none.</summary>
    [Id(2)]
    public RetryPolicy? Retry { get; init; }

    /// <summary>A name for people and results (e.g. the URL a crawler found). Optional, at most 256 characters.</summary>
    [Id(3)]
    public string? Name { get; init; }
}
