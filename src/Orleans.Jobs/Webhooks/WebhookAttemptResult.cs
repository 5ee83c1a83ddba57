namespace Orleans.Jobs.Webhooks;

/// <summary>What one delivery attempt came to.</summary>
internal readonly record struct WebhookAttemptResult(bool Delivered, bool Retryable, int? StatusCode, string? Error);
