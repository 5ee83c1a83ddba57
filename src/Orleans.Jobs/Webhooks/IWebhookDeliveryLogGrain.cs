using Orleans.Concurrency;

namespace Orleans.Jobs.Webhooks;

/// <summary>One subscription's recent deliveries, newest first and bounded. Keyed by the subscription id.</summary>
[Alias("Orleans.Jobs.Webhooks.IWebhookDeliveryLogGrain")]
internal interface IWebhookDeliveryLogGrain : IGrainWithStringKey
{
    /// <summary>Adds the delivery, or replaces the entry with the same delivery id (a later attempt).</summary>
    [Alias("Record")]
    Task RecordAsync(WebhookDelivery delivery);

    /// <summary>The newest entries, at most <paramref name="limit"/>.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<WebhookDelivery>> ListAsync(int limit);

    /// <summary>Removes everything (the subscription was removed).</summary>
    [Alias("Clear")]
    Task ClearAsync();
}
