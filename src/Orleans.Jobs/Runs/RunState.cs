namespace Orleans.Jobs.Runs;

/// <summary>
/// A run's persisted state: the checkpoint. Written (ETag-guarded) when the run starts, after every committed step,
/// and on every status change; JSON with a schema version. Immutable: each next state comes from the
/// <see cref="RunStateMachine"/>, and the grain swaps it in only where it carries out transitions.
/// </summary>
public sealed record RunState
{
    /// <summary>Version of this document's shape.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The job id.</summary>
    public string JobId { get; init; } = "";

    /// <summary>The job's generation when the run started.</summary>
    public long Generation { get; init; }

    /// <summary>The occurrence: a fire time or <c>manual-{key}</c>.</summary>
    public string Occurrence { get; init; } = "";

    /// <summary>The scheduled fire time, or the trigger time.</summary>
    public DateTimeOffset OccurrenceTime { get; init; }

    /// <summary>The definition the run started with.</summary>
    public JobDefinition? Definition { get; init; }

    /// <summary>The run's parameters.</summary>
    public JobParameters Parameters { get; init; } = JobParameters.Empty;

    /// <summary>The run's status.</summary>
    public RunStatus Status { get; init; }

    /// <summary>The status a paused run returns to on resume.</summary>
    public RunStatus? PausedFrom { get; init; }

    /// <summary>The current attempt, from 1.</summary>
    public int Attempt { get; init; }

    /// <summary>Perform steps committed.</summary>
    public long Step { get; init; }

    /// <summary>The last committed checkpoint, or null before the first.</summary>
    public JobCheckpoint? Checkpoint { get; init; }

    /// <summary>When the run was accepted.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the first step started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the last checkpoint was committed.</summary>
    public DateTimeOffset? LastCheckpointAt { get; init; }

    /// <summary>When the run finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Wake time of a sleeping run.</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>Time of the next attempt of a retrying run.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>The last error.</summary>
    public RunError? Error { get; init; }

    /// <summary>Where the sink put the result.</summary>
    public string? ResultReference { get; init; }

    /// <summary>Why the run was terminated.</summary>
    public string? TerminationReason { get; init; }

    /// <summary>The W3C trace parent of the span that started the run, so that its steps join that trace.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The completed run's result has yet to be handed to its webhook sinks.</summary>
    public bool ResultWebhooksPending { get; init; }

    /// <summary>Result deliveries to webhook sinks that were given up, with why.</summary>
    public IReadOnlyList<string> SinkFailures { get; init; } = [];
}
