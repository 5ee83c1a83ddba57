namespace Orleans.Jobs;

/// <summary>How a backfill's runs share the job with its live runs (scheduled and triggered).</summary>
public enum BackfillOverlap
{
    /// <summary>Backfill runs run alongside the job's live runs; only the backfill's own concurrency cap limits them. The default.</summary>
    RunAlongside,

    /// <summary>A backfill run starts only while the job has no live run active, so the backfill never overlaps the schedule.</summary>
    WaitForIdle,
}
