using Orleans.Concurrency;

namespace Orleans.Jobs.Webhooks;

/// <summary>The engine's side of the webhook registry: which subscriptions an event goes to, and where.</summary>
[Alias("Orleans.Jobs.Webhooks.IWebhookDispatchGrain")]
internal interface IWebhookDispatchGrain : IGrainWithStringKey
{
    /// <summary>The ids of the subscriptions <paramref name="jobEvent"/> of a job with <paramref name="labels"/> goes to.</summary>
    [Alias("Match"), ReadOnly]
    Task<IReadOnlyList<string>> MatchAsync(JobEvent jobEvent, IReadOnlyDictionary<string, string> labels);

    /// <summary>The subscription's URL and encrypted secret; null when it was removed.</summary>
    [Alias("GetTarget"), ReadOnly]
    Task<WebhookTarget?> GetTargetAsync(string subscriptionId);
}
