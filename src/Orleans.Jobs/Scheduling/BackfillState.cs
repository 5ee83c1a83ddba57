namespace Orleans.Jobs.Scheduling;

/// <summary>A job's current or last backfill, as stored in its state.</summary>
public sealed class BackfillState
{
    /// <summary>The range's start (inclusive).</summary>
    public DateTimeOffset From { get; set; }

    /// <summary>The range's end (inclusive).</summary>
    public DateTimeOffset To { get; set; }

    /// <summary>Backfill runs active at once.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>How its runs share the job with live runs.</summary>
    public BackfillOverlap Overlap { get; set; }

    /// <summary>Occurrences waiting to start, oldest first.</summary>
    public List<DateTimeOffset> Pending { get; set; } = [];

    /// <summary>Its runs started and not yet reported finished.</summary>
    public List<string> Active { get; set; } = [];

    /// <summary>Runs it started.</summary>
    public int Started { get; set; }

    /// <summary>When it was requested.</summary>
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>When it ended: its last run finished, or a cancel dropped it.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Whether it still has runs to start or to finish.</summary>
    public bool UnderWay => Pending.Count > 0 || Active.Count > 0;
}
