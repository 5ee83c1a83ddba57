namespace Orleans.Jobs.Webhooks;

/// <summary>A delivery in progress; cleared once it is delivered, failed for good or dropped.</summary>
public sealed class WebhookDeliveryState
{
    /// <summary>The event to deliver.</summary>
    public JobEvent? Event { get; set; }

    /// <summary>Attempts made.</summary>
    public int Attempts { get; set; }

    /// <summary>When the next attempt is due.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>When the delivery was stored (a webhook sink gives up a result this long after it).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
