namespace Orleans.Jobs.Webhooks;

/// <summary>
/// The cluster's webhook subscriptions as of one version of the registry, without their secrets: what each silo's
/// <see cref="WebhookSubscriptionCache"/> matches events against.
/// </summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.Webhooks.WebhookSubscriptionSet")]
internal sealed record WebhookSubscriptionSet
{
    /// <summary>The registry's version: one more with every change.</summary>
    [Id(0)]
    public required long Version { get; init; }

    /// <summary>The subscriptions, oldest first.</summary>
    [Id(1)]
    public required IReadOnlyList<WebhookSubscription> Subscriptions { get; init; }
}
