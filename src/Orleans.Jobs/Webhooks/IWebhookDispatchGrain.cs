using Orleans.Concurrency;

namespace Orleans.Jobs.Webhooks;

/// <summary>The engine's side of the webhook registry: the subscriptions events are matched against, and where they go.</summary>
[Alias("Orleans.Jobs.Webhooks.IWebhookDispatchGrain")]
internal interface IWebhookDispatchGrain : IGrainWithStringKey
{
    /// <summary>The subscriptions as they stand, for the silos' caches.</summary>
    [Alias("GetSubscriptionSet"), ReadOnly]
    Task<WebhookSubscriptionSet> GetSubscriptionSetAsync();

    /// <summary>The subscription's URL and encrypted secret; null when it was removed.</summary>
    [Alias("GetTarget"), ReadOnly]
    Task<WebhookTarget?> GetTargetAsync(string subscriptionId);
}
