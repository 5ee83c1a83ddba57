namespace Orleans.Jobs;

/// <summary>What became of one scheduled occurrence.</summary>
public enum OccurrenceOutcome
{
    /// <summary>A run was started for it; the record names the run.</summary>
    Started,

    /// <summary>Held by the overlap policy until the active run finishes.</summary>
    Buffered,

    /// <summary>Not run: a run was active and the overlap policy skips (or the buffer was full).</summary>
    SkippedOverlap,

    /// <summary>Not run: missed while the cluster was down, and the misfire policy did not run it.</summary>
    Missed,

    /// <summary>Not run: the job was paused, and the misfire policy did not run it on resume.</summary>
    SkippedPaused,

    /// <summary>Not run: the job's limit of scheduled runs was reached; the schedule is over.</summary>
    LimitReached,

    /// <summary>The job's end date passed; the schedule is over.</summary>
    EndReached,

    /// <summary>Not run: the job was cancelled while the occurrence waited in the overlap buffer.</summary>
    Cancelled,

    /// <summary>A backfill started a run for it; the record names the run.</summary>
    Backfilled,
}
