namespace Orleans.Jobs.Runs;

/// <summary>
/// A run's persisted state: the checkpoint. Written (ETag-guarded) when the run starts, after every committed step,
/// and on every status change; JSON with a schema version.
/// </summary>
public sealed class RunState
{
    /// <summary>Version of this document's shape.</summary>
    public int SchemaVersion { get; set; } = 1;

    /// <summary>The job id.</summary>
    public string JobId { get; set; } = "";

    /// <summary>The job's generation when the run started.</summary>
    public long Generation { get; set; }

    /// <summary>The occurrence: a fire time or <c>manual-{key}</c>.</summary>
    public string Occurrence { get; set; } = "";

    /// <summary>The scheduled fire time, or the trigger time.</summary>
    public DateTimeOffset OccurrenceTime { get; set; }

    /// <summary>The definition the run started with.</summary>
    public JobDefinition? Definition { get; set; }

    /// <summary>The run's parameters.</summary>
    public JobParameters Parameters { get; set; } = JobParameters.Empty;

    /// <summary>The run's status.</summary>
    public RunStatus Status { get; set; }

    /// <summary>The status a paused run returns to on resume.</summary>
    public RunStatus? PausedFrom { get; set; }

    /// <summary>The current attempt, from 1.</summary>
    public int Attempt { get; set; }

    /// <summary>Perform steps committed.</summary>
    public long Step { get; set; }

    /// <summary>The last committed checkpoint, or null before the first.</summary>
    public JobCheckpoint? Checkpoint { get; set; }

    /// <summary>When the run was accepted.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the first step started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the last checkpoint was committed.</summary>
    public DateTimeOffset? LastCheckpointAt { get; set; }

    /// <summary>When the run finished.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Wake time of a sleeping run.</summary>
    public DateTimeOffset? WakeAt { get; set; }

    /// <summary>Time of the next attempt of a retrying run.</summary>
    public DateTimeOffset? RetryAt { get; set; }

    /// <summary>The last error.</summary>
    public RunError? Error { get; set; }

    /// <summary>Where the sink put the result.</summary>
    public string? ResultReference { get; set; }

    /// <summary>Why the run was terminated.</summary>
    public string? TerminationReason { get; set; }

    /// <summary>The W3C trace parent of the span that started the run, so that its steps join that trace.</summary>
    public string? TraceParent { get; set; }

    /// <summary>The completed run's result has yet to be handed to its webhook sinks.</summary>
    public bool ResultWebhooksPending { get; set; }

    /// <summary>Result deliveries to webhook sinks that were given up, with why.</summary>
    public List<string> SinkFailures { get; set; } = [];
}
