namespace Orleans.Jobs.Scheduling;

/// <summary>What started a run: a trigger, the schedule, or a backfill.</summary>
internal enum RunOrigin
{
    Trigger,
    Schedule,
    Backfill,
}
