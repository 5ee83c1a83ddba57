namespace Orleans.Jobs;

/// <summary>The names of the events the engine raises, as they appear on the wire and in subscription filters.</summary>
public static class JobEventTypes
{
    /// <summary>The job has a new schedule: created, rescheduled, or updated with new timing.</summary>
    public const string Scheduled = "job.scheduled";

    /// <summary>A run of the job started (scheduled, triggered, retried by an operator or backfilled).</summary>
    public const string Started = "job.started";

    /// <summary>A run completed.</summary>
    public const string Completed = "job.completed";

    /// <summary>A run failed after its last attempt.</summary>
    public const string Failed = "job.failed";

    /// <summary>The job was cancelled, or one of its runs was terminated (the event then names the run).</summary>
    public const string Cancelled = "job.cancelled";

    /// <summary>The job was paused.</summary>
    public const string Paused = "job.paused";

    /// <summary>The job was resumed.</summary>
    public const string Resumed = "job.resumed";

    /// <summary>The job has not succeeded within its <c>successWithin</c> window.</summary>
    public const string Unhealthy = "job.unhealthy";

    /// <summary>A run's result could not be written to its sink; the attempt fails and follows the retry policy.</summary>
    public const string SinkFailed = "run.sink_failed";

    /// <summary>A completed run's result, delivered to the job's webhook sinks (not an event one subscribes to).</summary>
    public const string RunResult = "run.result";

    /// <summary>Every event type.</summary>
    public static IReadOnlyList<string> All { get; } = [Scheduled, Started, Completed, Failed, Cancelled, Paused, Resumed, Unhealthy, SinkFailed];

    /// <summary>Whether <paramref name="type"/> is one of <see cref="All"/> (ordinal, lower case).</summary>
    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
