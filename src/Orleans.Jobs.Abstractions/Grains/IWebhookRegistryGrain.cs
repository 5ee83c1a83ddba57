namespace Orleans.Jobs;

/// <summary>The cluster's webhook subscriptions. One grain, keyed <see cref="Key"/>.</summary>
[Alias("Orleans.Jobs.IWebhookRegistryGrain")]
public interface IWebhookRegistryGrain : IGrainWithStringKey
{
    /// <summary>The registry's only key.</summary>
    const string Key = "webhooks";

    /// <summary>Adds a subscription; its secret is encrypted before it is stored. Returns it without the secret.</summary>
    [Alias("Add")]
    Task<WebhookSubscription> AddAsync(WebhookSubscriptionRequest request);

    /// <summary>Every subscription, oldest first, without secrets.</summary>
    [Alias("List")]
    Task<IReadOnlyList<WebhookSubscription>> ListAsync();

    /// <summary>One subscription; <see cref="JobNotFoundException"/> (kind <c>webhook</c>) when there is none.</summary>
    [Alias("Get")]
    Task<WebhookSubscription> GetAsync(string subscriptionId);

    /// <summary>Removes a subscription; its pending deliveries are dropped. Unknown ids are <see cref="JobNotFoundException"/>.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string subscriptionId);

    /// <summary>The newest recorded deliveries of a subscription, at most <paramref name="limit"/>.</summary>
    [Alias("GetDeliveries")]
    Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(string subscriptionId, int limit);
}
