namespace Orleans.Jobs;

/// <summary>Why an attempt failed.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.RunError")]
public sealed record RunError
{
    /// <summary>The error message.</summary>
    [Id(0)]
    public required string Message { get; init; }

    /// <summary>The exception type's full name, or an engine reason such as <c>StepDeadlineExceeded</c>.</summary>
    [Id(1)]
    public required string Type { get; init; }

    /// <summary>True when the error was marked non-retryable (or cannot be fixed by a retry).</summary>
    [Id(2)]
    public bool NonRetryable { get; init; }

    /// <summary>The attempt that failed.</summary>
    [Id(3)]
    public int Attempt { get; init; }

    /// <summary>When it failed (UTC).</summary>
    [Id(4)]
    public DateTimeOffset At { get; init; }
}
