namespace Orleans.Jobs.Scheduling;

/// <summary>A job grain's persisted state: definition, version, generation, active runs and bounded history.</summary>
public sealed class JobState
{
    /// <summary>Version of this document's shape.</summary>
    public int SchemaVersion { get; set; } = 1;

    /// <summary>The definition; null when the job was deleted.</summary>
    public JobDefinition? Definition { get; set; }

    /// <summary>The definition's version: 1 on create, + 1 per update.</summary>
    public long Version { get; set; }

    /// <summary>Grows each time the id is deleted and created again; kept through deletes.</summary>
    public long Generation { get; set; }

    /// <summary>When the current generation was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the definition last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Runs started and not yet reported finished.</summary>
    public List<string> ActiveRuns { get; set; } = [];

    /// <summary>Finished runs, newest first, at most <c>JobsOptions.HistoryLimit</c>.</summary>
    public List<RunHistoryEntry> History { get; set; } = [];

    /// <summary>Runs completed in this generation.</summary>
    public long Completed { get; set; }

    /// <summary>Runs failed in this generation.</summary>
    public long Failed { get; set; }

    /// <summary>Runs terminated in this generation.</summary>
    public long Terminated { get; set; }

    /// <summary>The next scheduled occurrence not yet handled (without jitter); null when none will come.</summary>
    public DateTimeOffset? NextFireAt { get; set; }

    /// <summary>Due fires still being worked through, slice by slice; null when there are none.</summary>
    public DueBacklog? Backlog { get; set; }

    /// <summary>Runs started by the schedule in this generation.</summary>
    public long ScheduledRuns { get; set; }

    /// <summary>Since when the job is paused; null when it is not.</summary>
    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>Occurrences held by the overlap policy, oldest first.</summary>
    public List<DateTimeOffset> Buffered { get; set; } = [];

    /// <summary>The occurrence ledger, newest first, at most <c>JobsOptions.LedgerLimit</c>.</summary>
    public List<OccurrenceRecord> Ledger { get; set; } = [];

    /// <summary>When the job was cancelled; null when it is not.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>The reason given for the cancel.</summary>
    public string? CancellationReason { get; set; }

    /// <summary>The current or last backfill; null when there was none in this generation.</summary>
    public BackfillState? Backfill { get; set; }

    /// <summary>When a run last completed in this generation.</summary>
    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Since when health is tracked: create, resume, reschedule, or a new <c>successWithin</c>.</summary>
    public DateTimeOffset? HealthSince { get; set; }

    /// <summary>Since when the job is unhealthy (and <c>job.unhealthy</c> was raised); null when it is not.</summary>
    public DateTimeOffset? UnhealthySince { get; set; }
}
