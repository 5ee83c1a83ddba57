namespace Orleans.Jobs.Webhooks;

/// <summary>Where and with what (still encrypted) secret a delivery goes.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.Webhooks.WebhookTarget")]
internal sealed record WebhookTarget
{
    [Id(0)]
    public required Uri Url { get; init; }

    [Id(1)]
    public required string ProtectedSecret { get; init; }
}
