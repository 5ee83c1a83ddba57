namespace Orleans.Jobs;

/// <summary>What a job is: its type, parameters, retry policy and labels. Stored by the job grain, versioned.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.JobDefinition")]
public sealed record JobDefinition
{
    /// <summary>The job id: 1–128 letters, digits, <c>.</c>, <c>_</c>, <c>-</c>.</summary>
    [Id(0)]
    public required string Id { get; init; }

    /// <summary>The job type's registered name, e.g. <c>offline_store_import</c>.</summary>
    [Id(1)]
    public required string Type { get; init; }

    /// <summary>Parameters handed to Prepare. Default none.</summary>
    [Id(2)]
    public JobParameters Parameters { get; init; } = JobParameters.Empty;

    /// <summary>How failed runs are retried. Default <see cref="RetryPolicy.Default"/>.</summary>
    [Id(3)]
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>A Prepare or Perform that outlives this is abandoned and the attempt fails. Default 60 s.</summary>
    [Id(4)]
    public TimeSpan StepDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Labels for filtering, e.g. <c>namespace</c>, <c>product</c>, <c>env</c>.</summary>
    [Id(5)]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Free text for people.</summary>
    [Id(6)]
    public string? Description { get; init; }
}
