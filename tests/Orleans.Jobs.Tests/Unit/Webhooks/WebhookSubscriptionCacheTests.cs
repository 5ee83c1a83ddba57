using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Jobs.Webhooks;

namespace Orleans.Jobs.Tests.Unit.Webhooks;

public sealed class WebhookSubscriptionCacheTests
{
    private static readonly IReadOnlyDictionary<string, string> _teamJobs = new Dictionary<string, string> { ["team"] = "jobs" };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task HandedSets_NewerVersionWins_AndMatchesByTypeJobAndLabels_WithoutAskingTheRegistry()
    {
        // No grain factory: a fresh set is matched here, the registry is not asked.
        var cache = new WebhookSubscriptionCache(null!, _time, NullLogger<WebhookSubscriptionCache>.Instance);
        await cache.ExecuteCommand(WebhookSubscriptionCache.ReplaceCommand, Set(2, Subscription("new", events: ["job.completed"], labels: _teamJobs)));
        await cache.ExecuteCommand(WebhookSubscriptionCache.ReplaceCommand, Set(1, Subscription("old")));

        var completed = await cache.MatchingAsync("job.completed", "orders", _teamJobs, CancellationToken.None);
        var started = await cache.MatchingAsync("job.started", "orders", _teamJobs, CancellationToken.None);
        var otherTeam = await cache.MatchingAsync("job.completed", "orders", new Dictionary<string, string> { ["team"] = "web" }, CancellationToken.None);

        Assert.Equal(["new"], completed.Select(s => s.Id));
        Assert.Empty(started);
        Assert.Empty(otherTeam);
    }

    private static WebhookSubscriptionSet Set(long version, params WebhookSubscription[] subscriptions) =>
        new() { Version = version, Subscriptions = subscriptions };

    private static WebhookSubscription Subscription(string id, string[]? events = null, IReadOnlyDictionary<string, string>? labels = null) => new()
    {
        Id = id,
        Url = new Uri("https://hooks.example/"),
        Events = events ?? [],
        Labels = labels ?? new Dictionary<string, string>(),
        CreatedAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
