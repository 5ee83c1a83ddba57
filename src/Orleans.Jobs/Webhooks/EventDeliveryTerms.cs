using Microsoft.Extensions.Options;

namespace Orleans.Jobs.Webhooks;

/// <summary>
/// The terms of event notifications: <see cref="WebhookOptions.RetryPolicy"/> backoff, at most
/// <see cref="WebhookOptions.MaximumAttempts"/> attempts; a delivery given up is only recorded in the delivery log.
/// The terms of every event that no registered <see cref="IWebhookDeliveryTerms"/> governs.
/// </summary>
internal sealed class EventDeliveryTerms(IOptions<WebhookOptions> options) : IWebhookDeliveryTerms
{
    public bool Governs(string eventType) => true;

    public DateTimeOffset NextAttemptAt(int attempts, DateTimeOffset now) => now + options.Value.RetryPolicy.DelayAfter(attempts);

    public bool OutOfTries(int attempts, DateTimeOffset createdAt, DateTimeOffset nextAttemptAt) => attempts >= options.Value.MaximumAttempts;

    public Task GivenUpAsync(string subscriptionId, JobEvent jobEvent, int attempts, string? error) => Task.CompletedTask;
}
