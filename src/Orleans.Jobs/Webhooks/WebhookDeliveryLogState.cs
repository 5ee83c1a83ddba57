namespace Orleans.Jobs.Webhooks;

/// <summary>A delivery log grain's persisted state.</summary>
public sealed class WebhookDeliveryLogState
{
    /// <summary>Deliveries, newest first, at most <c>WebhookOptions.DeliveryLogLimit</c>.</summary>
    public List<WebhookDelivery> Deliveries { get; set; } = [];
}
