using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Webhooks;

namespace Orleans.Jobs.Events;

/// <summary>
/// Hands an event to every webhook subscription it matches: one delivery grain per subscription, which stores it
/// before it returns. Subscriptions are matched against this silo's <see cref="WebhookSubscriptionCache"/> and the
/// event is built only when one matches. Best effort for the caller: the change the event reports is already stored,
/// so a failure here is logged and never fails the operation.
/// </summary>
internal sealed partial class JobEventPublisher(
    IGrainFactory grains, WebhookSubscriptionCache subscriptions, [FromKeyedServices(JobsTime.Key)] TimeProvider time, ILogger<JobEventPublisher> logger)
{
    public JobEvent Create(string type, string jobId, string? jobType, string summary, string? runId = null, RunStatus? runStatus = null, DateTimeOffset? nextFireAt = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Type = type,
        At = time.GetUtcNow(),
        JobId = jobId,
        JobType = jobType,
        RunId = runId,
        RunStatus = runStatus,
        Summary = summary,
        NextFireAt = nextFireAt,
    };

    /// <summary>Publishes <paramref name="jobEvent"/>, built already.</summary>
    public Task PublishAsync(JobEvent jobEvent, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        return PublishAsync(jobEvent.Type, jobEvent.JobId, labels, () => jobEvent, cancellationToken);
    }

    /// <summary>
    /// Publishes an event of <paramref name="type"/> of job <paramref name="jobId"/>, built by
    /// <paramref name="build"/> only if a subscription wants it.
    /// </summary>
    public async Task PublishAsync(
        string type, string jobId, IReadOnlyDictionary<string, string> labels, Func<JobEvent> build, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            var matching = await subscriptions.MatchingAsync(type, jobId, labels, cancellationToken);
            if (matching.Count == 0)
            {
                return;
            }

            var jobEvent = build();
            foreach (var subscription in matching)
            {
                await grains.Reference<IWebhookDeliveryGrain>($"{subscription.Id}/{jobEvent.Id}").StartAsync(jobEvent).WaitAsync(cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogPublishFailed(exception, type, jobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventType} of job {JobId} could not be handed to its webhooks.")]
    private partial void LogPublishFailed(Exception exception, string eventType, string jobId);
}
