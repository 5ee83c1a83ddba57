namespace Orleans.Jobs;

/// <summary>One line a job wrote to its run logger.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.RunLogLine")]
public sealed record RunLogLine
{
    /// <summary>When the line was written (UTC).</summary>
    [Id(0)]
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The level: Trace, Debug, Information, Warning, Error, Critical.</summary>
    [Id(1)]
    public required string Level { get; init; }

    /// <summary>The formatted message.</summary>
    [Id(2)]
    public required string Message { get; init; }

    /// <summary>The attempt that wrote it.</summary>
    [Id(3)]
    public int Attempt { get; init; }

    /// <summary>The exception's type and message, when one was logged.</summary>
    [Id(4)]
    public string? Exception { get; init; }
}
