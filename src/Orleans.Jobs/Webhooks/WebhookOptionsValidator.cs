using Microsoft.Extensions.Options;

namespace Orleans.Jobs.Webhooks;

/// <summary>Fails silo start-up with a message naming the setting when <see cref="WebhookOptions"/> is out of range.</summary>
internal sealed class WebhookOptionsValidator(IOptions<WebhookOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var value = options.Value;
        if (value.SecretKey is { } key && !WebhookSecretProtector.IsValidKey(key))
        {
            throw new OrleansConfigurationException("WebhookOptions.SecretKey (Webhooks:SecretKey) must be the base64 of exactly 32 bytes.");
        }

        if (value.RequestTimeout <= TimeSpan.Zero || value.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            throw new OrleansConfigurationException($"WebhookOptions.RequestTimeout must be more than 0 and at most 5 min, not {value.RequestTimeout}.");
        }

        if (value.MaximumAttempts is < 1 or > 100)
        {
            throw new OrleansConfigurationException($"WebhookOptions.MaximumAttempts must be 1–100, not {value.MaximumAttempts}.");
        }

        if (value.InitialRetryDelay <= TimeSpan.Zero || value.MaximumRetryDelay < value.InitialRetryDelay || value.MaximumRetryDelay > TimeSpan.FromDays(1))
        {
            throw new OrleansConfigurationException(
                $"WebhookOptions.InitialRetryDelay ({value.InitialRetryDelay}) must be positive and at most MaximumRetryDelay ({value.MaximumRetryDelay}), which is at most 1 day.");
        }

        if (value.BackoffCoefficient is < 1 or > 10 || double.IsNaN(value.BackoffCoefficient))
        {
            throw new OrleansConfigurationException($"WebhookOptions.BackoffCoefficient must be 1–10, not {value.BackoffCoefficient}.");
        }

        if (value.DeliveryLogLimit is < 1 or > 10_000)
        {
            throw new OrleansConfigurationException($"WebhookOptions.DeliveryLogLimit must be 1–10000, not {value.DeliveryLogLimit}.");
        }

        if (value.SinkInitialRetryDelay <= TimeSpan.Zero || value.SinkMaximumRetryDelay < value.SinkInitialRetryDelay || value.SinkMaximumRetryDelay > TimeSpan.FromDays(1))
        {
            throw new OrleansConfigurationException($"WebhookOptions.SinkInitialRetryDelay must be more than 0 and SinkMaximumRetryDelay at least that and at most 1 day, not {value.SinkInitialRetryDelay} and {value.SinkMaximumRetryDelay}.");
        }

        if (value.SinkGiveUpAfter <= TimeSpan.Zero || value.SinkGiveUpAfter > TimeSpan.FromDays(7))
        {
            throw new OrleansConfigurationException($"WebhookOptions.SinkGiveUpAfter must be more than 0 and at most 7 days, not {value.SinkGiveUpAfter}.");
        }

        if (value.MaximumSubscriptions is < 1 or > 10_000)
        {
            throw new OrleansConfigurationException($"WebhookOptions.MaximumSubscriptions must be 1–10000, not {value.MaximumSubscriptions}.");
        }
    }
}
