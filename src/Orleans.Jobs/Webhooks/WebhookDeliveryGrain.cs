using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Hosting;
using Orleans.Storage;

namespace Orleans.Jobs.Webhooks;

/// <summary>
/// One event on its way to one subscription. Its state is stored before the first attempt and a reminder is kept
/// while it is pending, so a delivery survives the death of its silo; attempts follow the <see cref="WebhookOptions"/>
/// backoff and each outcome is recorded in the subscription's delivery log.
/// </summary>
internal sealed partial class WebhookDeliveryGrain(
    [PersistentState("webhook-delivery", JobsStorageNames.GrainStorage)] IPersistentState<WebhookDeliveryState> state,
    WebhookSender sender,
    WebhookSecretProtector protector,
    IEnumerable<IWebhookDeliveryTerms> specialTerms,
    EventDeliveryTerms eventTerms,
    IOptions<JobsOptions> jobsOptions,
    [FromKeyedServices(JobsTime.Key)] TimeProvider time,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain, IRemindable
{
    private const string WatchdogReminder = "webhook-delivery";

    private IGrainTimer? _attemptTimer;

    private string DeliveryId => this.GetPrimaryKeyString();

    private string SubscriptionId => DeliveryId[..DeliveryId.IndexOf('/', StringComparison.Ordinal)];

    public async Task StartAsync(JobEvent jobEvent)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        if (state.RecordExists)
        {
            return;
        }

        state.State = new WebhookDeliveryState { Event = jobEvent, NextAttemptAt = time.GetUtcNow(), CreatedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        var period = jobsOptions.Value.KeepAlivePeriod;
        await this.RegisterOrUpdateReminder(WatchdogReminder, period, period);
        Arm();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!state.RecordExists || state.State.Event is null)
        {
            await StopWatchdogAsync();
            DeactivateOnIdle();
        }
        else if (_attemptTimer is null)
        {
            // This activation is new (the delivery's silo died): pick up where the stored state says.
            Arm();
        }
    }

    private void Arm()
    {
        var delay = state.State.NextAttemptAt - time.GetUtcNow();
        _attemptTimer?.Dispose();
        _attemptTimer = this.RegisterGrainTimer(AttemptAsync, new GrainTimerCreationOptions(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan)
        {
            KeepAlive = true,
        });
    }

    /// <summary>The timer's callback. The one-shot timer is disposed only after it: disposing it cancels the callback's token.</summary>
    private async Task AttemptAsync(CancellationToken cancellationToken)
    {
        var timer = _attemptTimer;
        _attemptTimer = null;
        try
        {
            await AttemptOnceAsync(cancellationToken);
        }
        catch (InconsistentStateException exception)
        {
            // Another activation of this delivery (after a failover) wrote its state: let this one go; the watchdog
            // reminder brings the delivery back from what is stored.
            LogSuperseded(exception, DeliveryId);
            DeactivateOnIdle();
        }
        finally
        {
            timer?.Dispose();
        }
    }

    private async Task AttemptOnceAsync(CancellationToken cancellationToken)
    {
        var jobEvent = state.State.Event!;
        var target = await GrainFactory.GetGrain<IWebhookDispatchGrain>(IWebhookRegistryGrain.Key).GetTargetAsync(SubscriptionId);
        if (target is null)
        {
            LogDropped(DeliveryId);
            await Terms(jobEvent).GivenUpAsync(SubscriptionId, jobEvent, attempts: 0, error: null);
            await FinishAsync();
            return;
        }

        string secret;
        try
        {
            secret = protector.Unprotect(target.ProtectedSecret);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or JobsException)
        {
            LogSecretUnreadable(DeliveryId, exception.Message);
            await RecordAsync(WebhookDeliveryStatus.Failed, state.State.Attempts, new WebhookAttemptResult(false, false, null, exception.Message), next: null);
            await FinishAsync();
            return;
        }

        var result = await sender.SendAsync(target.Url, secret, DeliveryId, jobEvent, cancellationToken);
        var attempts = ++state.State.Attempts;
        var terms = Terms(jobEvent);
        var next = terms.NextAttemptAt(attempts, time.GetUtcNow());
        var outOfTries = terms.OutOfTries(attempts, state.State.CreatedAt, next);
        if (result.Delivered)
        {
            LogDelivered(DeliveryId, jobEvent.Type, attempts);
            await RecordAsync(WebhookDeliveryStatus.Delivered, attempts, result, next: null);
            await FinishAsync();
        }
        else if (!result.Retryable || outOfTries)
        {
            LogFailed(DeliveryId, jobEvent.Type, attempts, result.Error);
            await RecordAsync(WebhookDeliveryStatus.Failed, attempts, result, next: null);
            await terms.GivenUpAsync(SubscriptionId, jobEvent, attempts, result.Error);
            await FinishAsync();
        }
        else
        {
            state.State.NextAttemptAt = next;
            await state.WriteStateAsync();
            LogRetrying(DeliveryId, jobEvent.Type, attempts, result.Error, next);
            await RecordAsync(WebhookDeliveryStatus.Pending, attempts, result, next);
            Arm();
        }
    }

    /// <summary>Best effort: the delivery itself does not depend on its log entry.</summary>
    private async Task RecordAsync(WebhookDeliveryStatus status, int attempts, WebhookAttemptResult result, DateTimeOffset? next)
    {
        var jobEvent = state.State.Event!;
        try
        {
            await GrainFactory.GetGrain<IWebhookDeliveryLogGrain>(SubscriptionId).RecordAsync(new WebhookDelivery
            {
                DeliveryId = DeliveryId,
                EventId = jobEvent.Id,
                EventType = jobEvent.Type,
                JobId = jobEvent.JobId,
                Status = status,
                Attempts = attempts,
                LastStatusCode = result.StatusCode,
                LastError = result.Error,
                LastAttemptAt = time.GetUtcNow(),
                NextAttemptAt = next,
            });
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogRecordLost(exception, DeliveryId);
        }
    }

    private IWebhookDeliveryTerms Terms(JobEvent jobEvent) =>
        specialTerms.FirstOrDefault(terms => terms.Governs(jobEvent.Type)) ?? eventTerms;

    private async Task FinishAsync()
    {
        await state.ClearStateAsync();
        await StopWatchdogAsync();
        DeactivateOnIdle();
    }

    private async Task StopWatchdogAsync()
    {
        if (await this.GetReminder(WatchdogReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId} ({EventType}) delivered after {Attempts} attempt(s).")]
    private partial void LogDelivered(string deliveryId, string eventType, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} ({EventType}) attempt {Attempts} failed ({Error}); next attempt at {NextAttemptAt}.")]
    private partial void LogRetrying(string deliveryId, string eventType, int attempts, string? error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} ({EventType}) failed for good after {Attempts} attempt(s): {Error}.")]
    private partial void LogFailed(string deliveryId, string eventType, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} dropped: its subscription was removed.")]
    private partial void LogDropped(string deliveryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId}: the subscription's secret cannot be read ({Problem}).")]
    private partial void LogSecretUnreadable(string deliveryId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId}: another activation wrote its state; this one steps down.")]
    private partial void LogSuperseded(Exception exception, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId}: its log entry was lost.")]
    private partial void LogRecordLost(Exception exception, string deliveryId);
}
