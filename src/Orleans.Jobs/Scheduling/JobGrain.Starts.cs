namespace Orleans.Jobs.Scheduling;

/// <summary>
/// Starting the runs the planners decided. The planners count a run active before its grain is called, so a start
/// that fails must be undone, or the job would wait for a run that does not exist. A start is tried a few times (a
/// call may fail while the silo the run was placed on is dying); if it still fails the occurrence is recorded as
/// missed, with the reason, and the job goes on.
/// </summary>
internal sealed partial class JobGrain
{
    private static readonly TimeSpan[] _startRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    private async Task<RunSnapshot?> StartPlannedAsync(DateTimeOffset occurrence, RunOrigin origin)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await StartRunAsync(JobIds.ScheduledOccurrence(occurrence), occurrence, parameters: null, origin);
            }
            catch (Exception exception) when (exception is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or OrleansException)
            {
                if (attempt < _startRetryDelays.Length)
                {
                    LogStartRetried(exception, JobId, occurrence);
                    await Task.Delay(_startRetryDelays[attempt], time);
                    continue;
                }

                LogStartFailed(exception, JobId, occurrence);
                var runId = JobIds.RunId(JobId, State.Generation, JobIds.ScheduledOccurrence(occurrence));
                if (origin == RunOrigin.Backfill && State.Backfill is { } backfill)
                {
                    backfill.Active.Remove(runId);
                    backfill.Started--;
                }
                else
                {
                    State.ActiveRuns.Remove(runId);
                    State.ScheduledRuns--;
                    State.Ledger.RemoveAll(r => r.Occurrence == occurrence && r.Outcome == OccurrenceOutcome.Started);
                }

                planner.Record(State, occurrence, OccurrenceOutcome.Missed, detail: $"its run could not be started: {exception.GetType().Name}: {exception.Message}");
                return null;
            }
        }
    }
}
