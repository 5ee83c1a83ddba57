namespace Orleans.Jobs;

/// <summary>
/// How a failed run is retried: attempt n + 1 waits min(<see cref="InitialInterval"/> × <see cref="BackoffCoefficient"/>^(n-1),
/// <see cref="MaximumInterval"/>) and resumes from the last checkpoint with the same run id. In JSON the intervals
/// may be milliseconds or short strings such as <c>"10s"</c> and <c>"2m"</c> (<see cref="DurationJsonConverter"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.RetryPolicy")]
public sealed record RetryPolicy
{
    /// <summary>The defaults: 2 attempts (one automatic retry), 10 s, coefficient 2, at most 5 min.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>Attempts in all, including the first. Default 2; 1 means no retry.</summary>
    [Id(0)]
    public int MaximumAttempts { get; init; } = 2;

    /// <summary>Wait before the first retry. Default 10 s.</summary>
    [Id(1)]
    [System.Text.Json.Serialization.JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Factor applied to the wait for each further retry. Default 2.</summary>
    [Id(2)]
    public double BackoffCoefficient { get; init; } = 2;

    /// <summary>Upper bound of any wait. Default 5 min.</summary>
    [Id(3)]
    [System.Text.Json.Serialization.JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan MaximumInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after failed attempt <paramref name="failedAttempt"/> (from 1).</summary>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        var ticks = InitialInterval.Ticks * Math.Pow(BackoffCoefficient, failedAttempt - 1);
        return ticks >= MaximumInterval.Ticks || double.IsNaN(ticks) ? MaximumInterval : TimeSpan.FromTicks((long)ticks);
    }
}
