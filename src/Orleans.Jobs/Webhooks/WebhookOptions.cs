namespace Orleans.Jobs.Webhooks;

/// <summary>Webhook delivery settings (configuration section <c>Webhooks</c> in the silo host). Checked at silo start.</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// Base64 of the 32-byte key that encrypts subscription secrets at rest (AES-256-GCM). Every silo needs the same
    /// key. Default none: subscriptions are refused until it is set. Keep it in a secret store, not in a file.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>How long one delivery attempt may take. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per delivery, including the first. Default 8.</summary>
    public int MaximumAttempts { get; set; } = 8;

    /// <summary>Wait before the first retry. Default 5 s.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Factor applied to the wait for each further retry. Default 2.</summary>
    public double BackoffCoefficient { get; set; } = 2;

    /// <summary>Upper bound of any wait between attempts. Default 10 min.</summary>
    public TimeSpan MaximumRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Deliveries kept in each subscription's log, newest first. Default 100.</summary>
    public int DeliveryLogLimit { get; set; } = 100;

    /// <summary>Most subscriptions a cluster holds. Default 100.</summary>
    public int MaximumSubscriptions { get; set; } = 100;

    /// <summary>Webhook sinks (run results): the first retry waits this long. Default 10 s.</summary>
    public TimeSpan SinkInitialRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Webhook sinks: no retry waits longer than this. Default 2 min.</summary>
    public TimeSpan SinkMaximumRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Webhook sinks: a result not delivered this long after the run completed is given up. Default 1 h.</summary>
    public TimeSpan SinkGiveUpAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The backoff of result deliveries to webhook sinks (attempts bounded by <see cref="SinkGiveUpAfter"/>).</summary>
    internal RetryPolicy SinkRetryPolicy => new()
    {
        MaximumAttempts = int.MaxValue,
        InitialInterval = SinkInitialRetryDelay,
        BackoffCoefficient = BackoffCoefficient,
        MaximumInterval = SinkMaximumRetryDelay,
    };

    /// <summary>The retry schedule of event deliveries these settings describe.</summary>
    internal RetryPolicy RetryPolicy => new()
    {
        MaximumAttempts = MaximumAttempts,
        InitialInterval = InitialRetryDelay,
        BackoffCoefficient = BackoffCoefficient,
        MaximumInterval = MaximumRetryDelay,
    };
}
