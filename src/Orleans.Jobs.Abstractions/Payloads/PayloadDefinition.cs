namespace Orleans.Jobs;

/// <summary>
/// A payload job's work: items, each run by a job type (or the built-in <c>http</c> type) with its own parameters,
/// dispatched across the cluster at most <see cref="MaxConcurrency"/> at a time, each retried on its own. A job with
/// a payload has the built-in type <see cref="PayloadTypes.Payload"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.PayloadDefinition")]
public sealed record PayloadDefinition
{
    /// <summary>The policy items get unless they carry their own: 3 attempts, no delay.</summary>
    public static RetryPolicy DefaultItemRetry { get; } = new() { MaximumAttempts = 3, InitialInterval = TimeSpan.Zero, MaximumInterval = TimeSpan.Zero };

    /// <summary>The items every run starts with (at least one).</summary>
    [Id(0)]
    public IReadOnlyList<PayloadItem> Items { get; init; } = [];

    /// <summary>At most this many items run at once (1–100). Default 5.</summary>
    [Id(1)]
    public int MaxConcurrency { get; init; } = 5;

    /// <summary>How a failed item is retried, unless it has its own policy. Default <see cref="DefaultItemRetry"/>.</summary>
    [Id(2)]
    public RetryPolicy ItemRetry { get; init; } = DefaultItemRetry;

    /// <summary>
    /// A run holds at most this many items, counting those its items add while it runs (1–10,000). Default 1,000.
    /// </summary>
    [Id(3)]
    public int MaxItems { get; init; } = 1000;

    /// <summary>One attempt of one item may take this long before it fails (1 s – 1 h). Default 5 min.</summary>
    [Id(4)]
    [System.Text.Json.Serialization.JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan ItemTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
