using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Hosting;

namespace Orleans.Jobs.Webhooks;

/// <summary>
/// The cluster's webhook subscriptions in one small document. Secrets are encrypted here, on the silo, before they
/// are stored; nothing that leaves this grain for a caller carries them. Events are matched on each silo against its
/// <see cref="WebhookSubscriptionCache"/>: a change is stored, then handed to every silo's cache before the call
/// returns, so the next event anywhere sees it.
/// </summary>
internal sealed partial class WebhookRegistryGrain(
    [PersistentState("webhooks", JobsStorageNames.GrainStorage)] IPersistentState<WebhookRegistryState> state,
    WebhookSecretProtector protector,
    IOptions<WebhookOptions> options,
    [FromKeyedServices(JobsTime.Key)] TimeProvider time,
    ILogger<WebhookRegistryGrain> logger) : Grain, IWebhookRegistryGrain, IWebhookDispatchGrain
{
    private List<StoredWebhookSubscription> Subscriptions => state.State.Subscriptions;

    public async Task<WebhookSubscription> AddAsync(WebhookSubscriptionRequest request)
    {
        WebhookRequestValidator.Validate(request);
        if (Subscriptions.Count >= options.Value.MaximumSubscriptions)
        {
            throw new JobConflictException($"The cluster already has {Subscriptions.Count} webhook subscriptions, its limit (WebhookOptions.MaximumSubscriptions); remove one first.");
        }

        var subscription = new WebhookSubscription
        {
            Id = Guid.NewGuid().ToString("N"),
            Url = request.Url,
            Events = [.. request.Events.Distinct(StringComparer.Ordinal)],
            JobId = request.JobId,
            Labels = new SortedDictionary<string, string>(request.Labels.ToDictionary(), StringComparer.Ordinal),
            Description = request.Description,
            CreatedAt = time.GetUtcNow(),
        };
        Subscriptions.Add(new StoredWebhookSubscription { Subscription = subscription, ProtectedSecret = protector.Protect(request.Secret) });
        await SaveAndPublishAsync();
        LogAdded(subscription.Id, subscription.Url.GetLeftPart(UriPartial.Path), subscription.Events.Count == 0 ? "all" : string.Join(",", subscription.Events));
        return subscription;
    }

    public Task<IReadOnlyList<WebhookSubscription>> ListAsync() =>
        Task.FromResult<IReadOnlyList<WebhookSubscription>>([.. Subscriptions.Select(s => s.Subscription)]);

    public Task<WebhookSubscription> GetAsync(string subscriptionId) => Task.FromResult(Find(subscriptionId).Subscription);

    public async Task RemoveAsync(string subscriptionId)
    {
        var stored = Find(subscriptionId);
        Subscriptions.Remove(stored);
        await SaveAndPublishAsync();
        await GrainFactory.GetGrain<IWebhookDeliveryLogGrain>(subscriptionId).ClearAsync();
        LogRemoved(subscriptionId);
    }

    public Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(string subscriptionId, int limit)
    {
        Find(subscriptionId);
        if (limit < 1)
        {
            throw new JobValidationException("limit", $"must be at least 1, not {limit}.");
        }

        return GrainFactory.GetGrain<IWebhookDeliveryLogGrain>(subscriptionId).ListAsync(limit);
    }

    /// <summary>Stores the changed set under the next version and hands it to every silo.</summary>
    private async Task SaveAndPublishAsync()
    {
        state.State.Version++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Whether it landed is unknown: the next call reads the registry as storage holds it.
            DeactivateOnIdle();
            throw;
        }

        await PublishSetAsync();
    }

    public Task<WebhookSubscriptionSet> GetSubscriptionSetAsync() => Task.FromResult(Set());

    private WebhookSubscriptionSet Set() => new() { Version = state.State.Version, Subscriptions = [.. Subscriptions.Select(s => s.Subscription)] };

    /// <summary>
    /// Hands the stored set to every silo's cache. A silo that misses it (it is leaving, or the call failed) loads the
    /// set again within <see cref="WebhookSubscriptionCache.RefreshAfter"/>.
    /// </summary>
    private async Task PublishSetAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IManagementGrain>(0).SendControlCommandToProvider<WebhookSubscriptionCache>(
                WebhookSubscriptionCache.ProviderName, WebhookSubscriptionCache.ReplaceCommand, Set());
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogPublishFailed(exception, state.State.Version);
        }
    }

    public Task<WebhookTarget?> GetTargetAsync(string subscriptionId) =>
        Task.FromResult(Subscriptions.Find(s => s.Subscription.Id == subscriptionId) is { } stored
            ? new WebhookTarget { Url = stored.Subscription.Url, ProtectedSecret = stored.ProtectedSecret }
            : null);

    private StoredWebhookSubscription Find(string subscriptionId) =>
        Subscriptions.Find(s => s.Subscription.Id == subscriptionId) ?? throw new JobNotFoundException("webhook", subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscription {SubscriptionId} added for {Url} (events: {Events}).")]
    private partial void LogAdded(string subscriptionId, string url, string events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscription {SubscriptionId} removed.")]
    private partial void LogRemoved(string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscriptions version {Version} could not be handed to every silo; those that missed it load it within their refresh period.")]
    private partial void LogPublishFailed(Exception exception, long version);
}
