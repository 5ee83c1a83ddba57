namespace Orleans.Jobs.Webhooks;

/// <summary>
/// How long a kind of delivery keeps trying and who hears when it gives up. Registered per event type; events with
/// no terms of their own follow <see cref="EventDeliveryTerms"/>.
/// </summary>
internal interface IWebhookDeliveryTerms
{
    /// <summary>Whether these terms govern deliveries of <paramref name="eventType"/>.</summary>
    bool Governs(string eventType);

    /// <summary>When attempt <paramref name="attempts"/> + 1 is due after <paramref name="attempts"/> failed ones.</summary>
    DateTimeOffset NextAttemptAt(int attempts, DateTimeOffset now);

    /// <summary>Whether a delivery first stored at <paramref name="createdAt"/> may not try again at <paramref name="nextAttemptAt"/>.</summary>
    bool OutOfTries(int attempts, DateTimeOffset createdAt, DateTimeOffset nextAttemptAt);

    /// <summary>Told when a delivery is given up: its subscription is gone (<paramref name="attempts"/> 0), or it failed for good.</summary>
    Task GivenUpAsync(string subscriptionId, JobEvent jobEvent, int attempts, string? error);
}
