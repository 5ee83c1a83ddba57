namespace Orleans.Jobs;

/// <summary>A job's health against its "must succeed within" window.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.JobHealth")]
public sealed record JobHealth
{
    /// <summary>Healthy, unhealthy, or not tracked.</summary>
    [Id(0)]
    public required JobHealthStatus Status { get; init; }

    /// <summary>The window, when the job has one.</summary>
    [Id(1)]
    public TimeSpan? SuccessWithin { get; init; }

    /// <summary>When a run of the job last completed.</summary>
    [Id(2)]
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>When the window runs out unless a run completes first; null when not tracked.</summary>
    [Id(3)]
    public DateTimeOffset? DueBy { get; init; }

    /// <summary>Since when it is unhealthy (its window ran out).</summary>
    [Id(4)]
    public DateTimeOffset? UnhealthySince { get; init; }
}
