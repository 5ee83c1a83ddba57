namespace Orleans.Jobs;

/// <summary>A job's new timing: it replaces the definition's schedules, start, end, limit and jitter.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.RescheduleRequest")]
public sealed record RescheduleRequest
{
    /// <summary>The new schedules (empty: the job runs only when triggered).</summary>
    [Id(0)]
    public IReadOnlyList<Schedule> Schedules { get; init; } = [];

    /// <summary>No fire before this instant.</summary>
    [Id(1)]
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>No fire after this instant.</summary>
    [Id(2)]
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>At most this many scheduled runs from now on.</summary>
    [Id(3)]
    public long? Limit { get; init; }

    /// <summary>Each fire starts up to this much later.</summary>
    [Id(4)]
    public TimeSpan Jitter { get; init; }
}
