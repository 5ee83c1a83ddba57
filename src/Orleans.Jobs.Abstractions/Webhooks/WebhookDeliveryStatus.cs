namespace Orleans.Jobs;

/// <summary>Where one delivery of an event to a subscription stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Not yet accepted by the receiver; another attempt is due at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Given up: attempts exhausted, or the receiver refused it for good (a 4xx other than 408 and 429).</summary>
    Failed,

    /// <summary>Dropped: the subscription was removed before the event was delivered.</summary>
    Dropped,
}
