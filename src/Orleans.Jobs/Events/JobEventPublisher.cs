using Microsoft.Extensions.Logging;
using Orleans.Jobs.Webhooks;

namespace Orleans.Jobs.Events;

/// <summary>
/// Hands an event to every webhook subscription it matches: one delivery grain per subscription, which stores it
/// before it returns. Best effort for the caller: the change the event reports is already stored, so a failure here
/// is logged and never fails the operation.
/// </summary>
internal sealed partial class JobEventPublisher(IGrainFactory grains, TimeProvider time, ILogger<JobEventPublisher> logger)
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

    public async Task PublishAsync(JobEvent jobEvent, IReadOnlyDictionary<string, string> labels)
    {
        try
        {
            var subscriptions = await grains.Reference<IWebhookDispatchGrain>(IWebhookRegistryGrain.Key).MatchAsync(jobEvent, labels);
            foreach (var subscriptionId in subscriptions)
            {
                await grains.Reference<IWebhookDeliveryGrain>($"{subscriptionId}/{jobEvent.Id}").StartAsync(jobEvent);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogPublishFailed(exception, jobEvent.Type, jobEvent.JobId, jobEvent.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventType} of job {JobId} ({EventId}) could not be handed to its webhooks.")]
    private partial void LogPublishFailed(Exception exception, string eventType, string jobId, string eventId);
}
