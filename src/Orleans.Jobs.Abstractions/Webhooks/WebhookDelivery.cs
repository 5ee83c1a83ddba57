namespace Orleans.Jobs;

/// <summary>The recorded outcome of delivering one event to one subscription.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.WebhookDelivery")]
public sealed record WebhookDelivery
{
    /// <summary>The delivery's id: <c>{subscriptionId}/{eventId}</c>; sent as <c>X-Jobs-Delivery</c>.</summary>
    [Id(0)]
    public required string DeliveryId { get; init; }

    /// <summary>The event delivered.</summary>
    [Id(1)]
    public required string EventId { get; init; }

    /// <summary>The event's type.</summary>
    [Id(2)]
    public required string EventType { get; init; }

    /// <summary>The event's job.</summary>
    [Id(3)]
    public required string JobId { get; init; }

    /// <summary>Where it stands.</summary>
    [Id(4)]
    public required WebhookDeliveryStatus Status { get; init; }

    /// <summary>Attempts made so far.</summary>
    [Id(5)]
    public int Attempts { get; init; }

    /// <summary>The HTTP status of the last answer; null when the last attempt got none (timeout, refused connection).</summary>
    [Id(6)]
    public int? LastStatusCode { get; init; }

    /// <summary>Why the last attempt did not succeed; null after a success.</summary>
    [Id(7)]
    public string? LastError { get; init; }

    /// <summary>When the last attempt was made.</summary>
    [Id(8)]
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>When the next attempt is due, while pending.</summary>
    [Id(9)]
    public DateTimeOffset? NextAttemptAt { get; init; }
}
