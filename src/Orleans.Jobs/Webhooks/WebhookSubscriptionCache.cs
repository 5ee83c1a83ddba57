using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Jobs.Hosting;
using Orleans.Providers;

namespace Orleans.Jobs.Webhooks;

/// <summary>
/// This silo's copy of the cluster's webhook subscriptions (without secrets), so that an event is matched here and
/// built only when a subscription wants it, instead of asking the one registry grain for every event. The registry
/// hands every change to each silo's cache before the change's call returns (a control command through the
/// management grain), so a subscription added is seen by the next event on any silo; a cache that missed a change
/// loads the set again once it is older than <see cref="RefreshAfter"/>. Of two sets, the newer version wins.
/// </summary>
internal sealed partial class WebhookSubscriptionCache(IGrainFactory grains, [FromKeyedServices(JobsTime.Key)] TimeProvider time, ILogger<WebhookSubscriptionCache> logger) : IControllable
{
    /// <summary>The name the cache is registered under for control commands.</summary>
    public const string ProviderName = "Orleans.Jobs.WebhookSubscriptions";

    /// <summary>The control command that replaces the set; its argument is a <see cref="WebhookSubscriptionSet"/>.</summary>
    public const int ReplaceCommand = 1;

    /// <summary>How old a set may be before the next event loads it again.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _lock = new();
    private (WebhookSubscriptionSet Set, DateTimeOffset At)? _current;

    /// <summary>The subscriptions an event of <paramref name="eventType"/> of job <paramref name="jobId"/> with <paramref name="labels"/> goes to.</summary>
    public async ValueTask<IReadOnlyList<WebhookSubscription>> MatchingAsync(
        string eventType, string jobId, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var set = Fresh() ?? await LoadAsync(cancellationToken).ConfigureAwait(false);
        if (set.Subscriptions.Count == 0)
        {
            return [];
        }

        return [.. set.Subscriptions.Where(subscription => subscription.Matches(eventType, jobId, labels))];
    }

    /// <inheritdoc />
    public Task<object?> ExecuteCommand(int command, object? arg)
    {
        if (command == ReplaceCommand && arg is WebhookSubscriptionSet set)
        {
            Replace(set);
        }

        return Task.FromResult<object?>(null);
    }

    private WebhookSubscriptionSet? Fresh()
    {
        lock (_lock)
        {
            return _current is { } current && time.GetUtcNow() - current.At < RefreshAfter ? current.Set : null;
        }
    }

    private async Task<WebhookSubscriptionSet> LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } loaded)
            {
                return loaded;
            }

            var set = await grains.Reference<IWebhookDispatchGrain>(IWebhookRegistryGrain.Key).GetSubscriptionSetAsync()
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            LogLoaded(set.Version, set.Subscriptions.Count);
            return Replace(set);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Keeps <paramref name="set"/> unless the cache holds a newer one; either way the kept set counts as fresh.</summary>
    private WebhookSubscriptionSet Replace(WebhookSubscriptionSet set)
    {
        lock (_lock)
        {
            var kept = _current is { } current && current.Set.Version > set.Version ? current.Set : set;
            _current = (kept, time.GetUtcNow());
            return kept;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook subscriptions version {Version} loaded: {Count} subscription(s).")]
    private partial void LogLoaded(long version, int count);
}
