namespace Orleans.Jobs.Webhooks;

/// <summary>The registry grain's persisted state: the subscriptions, each with its encrypted secret.</summary>
public sealed class WebhookRegistryState
{
    /// <summary>The subscriptions, oldest first.</summary>
    public List<StoredWebhookSubscription> Subscriptions { get; set; } = [];

    /// <summary>One more with every change; the silos' caches keep the newest set they have seen.</summary>
    public long Version { get; set; }
}
