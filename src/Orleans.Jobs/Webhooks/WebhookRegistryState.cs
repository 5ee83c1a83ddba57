namespace Orleans.Jobs.Webhooks;

/// <summary>The registry grain's persisted state: the subscriptions, each with its encrypted secret.</summary>
public sealed class WebhookRegistryState
{
    /// <summary>The subscriptions, oldest first.</summary>
    public List<StoredWebhookSubscription> Subscriptions { get; set; } = [];
}
