namespace Orleans.Jobs.Payloads;

/// <summary>One attempt of one payload item, as the run hands it to an item grain.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.PayloadItemRequest")]
internal sealed record PayloadItemRequest
{
    [Id(0)]
    public required string JobId { get; init; }

    [Id(1)]
    public required string RunId { get; init; }

    [Id(2)]
    public required int Index { get; init; }

    [Id(3)]
    public required int Attempt { get; init; }

    [Id(4)]
    public required PayloadItem Item { get; init; }

    [Id(5)]
    public required TimeSpan Timeout { get; init; }

    /// <summary>How many more items the run could take when this attempt started.</summary>
    [Id(6)]
    public required int Capacity { get; init; }

    [Id(7)]
    public required int MaxItems { get; init; }
}
