namespace Orleans.Jobs.Payloads;

/// <summary>How one attempt of one payload item ended.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.PayloadItemOutcome")]
internal sealed record PayloadItemOutcome
{
    [Id(0)]
    public required bool Succeeded { get; init; }

    /// <summary>The result as JSON (capped), when succeeded.</summary>
    [Id(1)]
    public string? ResultJson { get; init; }

    [Id(2)]
    public RunError? Error { get; init; }

    /// <summary>The silo the attempt ran on.</summary>
    [Id(3)]
    public required string Silo { get; init; }

    /// <summary>Items the attempt added to its run.</summary>
    [Id(4)]
    public IReadOnlyList<PayloadItem> Added { get; init; } = [];
}
