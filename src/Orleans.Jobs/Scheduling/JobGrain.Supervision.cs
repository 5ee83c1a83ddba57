namespace Orleans.Jobs.Scheduling;

/// <summary>
/// The job watches over its active runs. A run brings itself back after its silo dies through its keep-alive reminder,
/// but a run whose activation went away before that reminder was stored (its silo stopped right after the start,
/// while the reminder service was handing over its range) has nothing to wake it. So while any run is active, the
/// job's "next-fire" reminder keeps ticking every <c>KeepAlivePeriod</c>, and every tick asks each active run for its
/// status: that call activates a lost run, which resumes from its checkpoint, and a run that finished without
/// telling the job is recorded from its answer.
/// </summary>
internal sealed partial class JobGrain
{
    private bool HasActiveRuns => State.ActiveRuns.Count > 0 || State.Backfill is { Active.Count: > 0 };

    /// <summary>
    /// Keeps the reminder ticking while runs are active: registered to tick within two keep-alive periods unless it
    /// already does (it ticks every period once its first tick has passed).
    /// </summary>
    private async Task SuperviseWithReminderAsync(DateTimeOffset now)
    {
        var period = options.Value.KeepAlivePeriod;
        if (_reminderFirstTick is not { } first || first > now + (period * 2) + TickSpread.MostDelay)
        {
            await RegisterReminderAsync(period * 2, now);
        }
    }

    private async Task CheckActiveRunsAsync()
    {
        foreach (var runId in AllActiveRuns().ToArray())
        {
            RunSnapshot run;
            try
            {
                run = await GrainFactory.GetGrain<IRunGrain>(runId).GetStatusAsync();
            }
            catch (JobsException exception)
            {
                // A run that was never stored (its start failed half-way): the start's own retry decides about it.
                LogRunCallSkipped(exception, runId);
                continue;
            }
            catch (Exception exception) when (exception is TimeoutException or Runtime.SiloUnavailableException or Runtime.OrleansMessageRejectionException)
            {
                LogRunCheckFailed(exception, JobId, runId);
                continue;
            }

            if (run.IsFinished)
            {
                await RunFinishedAsync(RunHistoryEntry.Of(run, time.GetUtcNow()));
            }
        }
    }
}
