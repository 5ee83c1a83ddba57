namespace Orleans.Jobs;

/// <summary>A manual trigger of a job.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.TriggerRequest")]
public sealed record TriggerRequest
{
    /// <summary>
    /// The caller's idempotency key: triggers with the same key start one run (<c>manual-{key}</c>).
    /// Default: a new key, so every trigger starts a run.
    /// </summary>
    [Id(0)]
    public string? IdempotencyKey { get; init; }

    /// <summary>Parameters for this run, replacing the definition's. Default: the definition's.</summary>
    [Id(1)]
    public JobParameters? Parameters { get; init; }
}
