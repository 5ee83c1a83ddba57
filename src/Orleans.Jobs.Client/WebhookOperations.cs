namespace Orleans.Jobs.Client;

/// <summary>
/// Webhook subscriptions: URLs that receive job events as signed POSTs (see <see cref="WebhookSignature"/>). Secrets
/// go to the cluster once, are stored encrypted, and are never returned.
/// </summary>
public sealed class WebhookOperations(IGrainFactory grains)
{
    /// <summary>
    /// Subscribes a URL to events (all, or those in <see cref="WebhookSubscriptionRequest.Events"/>), optionally of
    /// one job or of jobs with given labels. Invalid input is a <see cref="JobValidationException"/> naming the field.
    /// </summary>
    public Task<WebhookSubscription> AddAsync(WebhookSubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Registry.AddAsync(request).WaitAsync(cancellationToken);
    }

    /// <summary>Every subscription, oldest first, without secrets.</summary>
    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken = default) =>
        Registry.ListAsync().WaitAsync(cancellationToken);

    /// <summary>One subscription; <see cref="JobNotFoundException"/> (kind <c>webhook</c>) when the id is unknown.</summary>
    public Task<WebhookSubscription> GetAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        return Registry.GetAsync(subscriptionId).WaitAsync(cancellationToken);
    }

    /// <summary>Removes a subscription; deliveries still pending for it are dropped.</summary>
    public Task RemoveAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        return Registry.RemoveAsync(subscriptionId).WaitAsync(cancellationToken);
    }

    /// <summary>The subscription's newest deliveries: status, attempts, last HTTP status and error, next attempt.</summary>
    public Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(string subscriptionId, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        return Registry.GetDeliveriesAsync(subscriptionId, limit).WaitAsync(cancellationToken);
    }

    private IWebhookRegistryGrain Registry => grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key);
}
