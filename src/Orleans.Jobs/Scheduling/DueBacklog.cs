namespace Orleans.Jobs.Scheduling;

/// <summary>
/// Due fires too many for one grain turn (after a long pause or outage), being worked through slice by slice: how
/// they are judged, and how many older ones were already decided not to run without being listed. Stored with the
/// job, so a slice interrupted by a failover goes on elsewhere with the same judgement.
/// </summary>
public sealed class DueBacklog
{
    /// <summary>How fires not run are recorded: missed, or skipped while paused.</summary>
    public OccurrenceOutcome MissedAs { get; set; }

    /// <summary>Whether every due fire counts as late (after a pause), whatever the misfire threshold.</summary>
    public bool AllMissed { get; set; }

    /// <summary>Older fires of this backlog already decided not to run, counted but not listed.</summary>
    public long Unlisted { get; set; }
}
