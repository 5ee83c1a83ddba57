namespace Orleans.Jobs.Webhooks;

/// <summary>Delivers one event to one subscription, with retries. Keyed <c>{subscriptionId}/{eventId}</c>.</summary>
[Alias("Orleans.Jobs.Webhooks.IWebhookDeliveryGrain")]
internal interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>Stores the delivery and makes its first attempt soon; a delivery already under way is left as it is.</summary>
    [Alias("Start")]
    Task StartAsync(JobEvent jobEvent);
}
