namespace Orleans.Jobs.Webhooks;

/// <summary>A subscription as stored: what callers see plus the secret, encrypted by <c>WebhookSecretProtector</c>.</summary>
public sealed class StoredWebhookSubscription
{
    /// <summary>The subscription without its secret.</summary>
    public required WebhookSubscription Subscription { get; set; }

    /// <summary>The secret, encrypted; never returned to callers.</summary>
    public required string ProtectedSecret { get; set; }
}
