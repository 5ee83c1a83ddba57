namespace Orleans.Jobs;

/// <summary>What a caller gives to subscribe a URL to job events.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.WebhookSubscriptionRequest")]
public sealed record WebhookSubscriptionRequest
{
    /// <summary>Absolute http or https URL that receives each event as a signed POST.</summary>
    [Id(0)]
    public required Uri Url { get; init; }

    /// <summary>
    /// The shared secret that signs deliveries (16–256 characters). Stored encrypted with the cluster's key; never
    /// returned or logged.
    /// </summary>
    [Id(1)]
    public required string Secret { get; init; }

    /// <summary>Event types to deliver (see <see cref="JobEventTypes"/>); empty delivers every type.</summary>
    [Id(2)]
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>Only this job's events; null for every job.</summary>
    [Id(3)]
    public string? JobId { get; init; }

    /// <summary>Only events of jobs carrying all these labels; empty for no label filter.</summary>
    [Id(4)]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>A note for operators, e.g. who owns the receiver.</summary>
    [Id(5)]
    public string? Description { get; init; }
}
