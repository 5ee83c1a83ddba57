using System.Text.Json;

namespace Orleans.Jobs;

/// <summary>
/// The serialized form of a job's status: what the engine persists after every step and hands back on resume.
/// </summary>
public sealed record JobCheckpoint
{
    /// <summary>The job's own state as JSON.</summary>
    public required JsonElement State { get; init; }

    /// <summary>Version of the state's shape, chosen by the job type, so Prepare can upgrade an old checkpoint.</summary>
    public int StateVersion { get; init; } = 1;

    /// <summary>True when the run has finished its work.</summary>
    public bool Complete { get; init; }

    /// <summary>The run's result as JSON, set when <see cref="Complete"/> is true (optional).</summary>
    public JsonElement? Result { get; init; }

    /// <summary>When set, the run sleeps until this UTC time before the next step (interruptible sleep).</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>When set, the run sleeps this long before the next step; the engine turns it into <see cref="WakeAt"/>.</summary>
    public TimeSpan? SleepFor { get; init; }

    /// <summary>The job's work-item counts at this checkpoint, when it reports them.</summary>
    public RunProgress? Progress { get; init; }
}
