using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Webhooks;

namespace Orleans.Jobs.Results;

/// <summary>
/// The terms of a result handed to a webhook sink: <see cref="WebhookOptions.SinkRetryPolicy"/> backoff for up to
/// <see cref="WebhookOptions.SinkGiveUpAfter"/>; a result given up is recorded on its run, which raises
/// <c>run.sink_failed</c>.
/// </summary>
internal sealed partial class ResultDeliveryTerms(IOptions<WebhookOptions> options, IGrainFactory grains, ILogger<ResultDeliveryTerms> logger) : IWebhookDeliveryTerms
{
    public bool Governs(string eventType) => eventType == JobEventTypes.RunResult;

    public DateTimeOffset NextAttemptAt(int attempts, DateTimeOffset now) => now + options.Value.SinkRetryPolicy.DelayAfter(attempts);

    public bool OutOfTries(int attempts, DateTimeOffset createdAt, DateTimeOffset nextAttemptAt) => nextAttemptAt > createdAt + options.Value.SinkGiveUpAfter;

    /// <summary>Best effort: the delivery's own outcome is in its log whether or not the run hears.</summary>
    public async Task GivenUpAsync(string subscriptionId, JobEvent jobEvent, int attempts, string? error)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        if (jobEvent.RunId is not { } runId)
        {
            return;
        }

        var reason = attempts == 0
            ? $"webhook sink {subscriptionId}: no such subscription (removed?); the result was not delivered"
            : $"webhook sink {subscriptionId}: given up after {attempts} attempt(s): {error}";
        try
        {
            await grains.Reference<Runs.IRunEngineGrain>(runId).RecordSinkFailureAsync(reason);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogRunNotTold(exception, runId, subscriptionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the give-up of its result delivery to webhook sink {SubscriptionId} could not be recorded on the run.")]
    private partial void LogRunNotTold(Exception exception, string runId, string subscriptionId);
}
