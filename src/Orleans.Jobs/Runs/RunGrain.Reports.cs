using Orleans.Jobs.Diagnostics;

namespace Orleans.Jobs.Runs;

/// <summary>
/// What the run tells others: its job when it finishes (the job's activity log shows the run from the job's history),
/// the run log, and metrics.
/// </summary>
internal sealed partial class RunGrain
{
    private IGrainTimer? _notifyTimer;
    private int _notifyFailures;
    private Task _logFlush = Task.CompletedTask;

    /// <summary>
    /// Tells the job from a timer turn of its own, never inside a caller's request: the caller may be the job grain
    /// itself (terminating a run on delete or by overlap policy), which could not take the report while it waits.
    /// </summary>
    private void ScheduleJobNotification(TimeSpan delay = default)
    {
        _notifyTimer?.Dispose();
        _notifyTimer = this.RegisterGrainTimer(NotifyJobAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = true,
        });
    }

    private async Task NotifyJobAsync(CancellationToken cancellationToken)
    {
        _notifyTimer?.Dispose();
        _notifyTimer = null;
        try
        {
            await GrainFactory.Reference<Scheduling.IJobEngineGrain>(State.JobId).RunFinishedAsync(RunHistoryEntry.Of(Snapshot(), _time.GetUtcNow()));
        }
        catch (Exception exception)
        {
            // Tell the job again soon (its silo may be dying), backing off to the keep-alive period; the keep-alive
            // reminder, still registered, does it too should this activation be lost.
            LogJobNotificationFailed(_logger, exception, RunId);
            _notifyFailures++;
            var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, _notifyFailures - 1), _options.KeepAlivePeriod.TotalSeconds));
            ScheduleJobNotification(delay);
            return;
        }

        _notifyFailures = 0;
        await UnregisterKeepAliveAsync();
        ReleaseWhenReported();
    }

    /// <summary>
    /// A finished run whose job has heard and whose result deliveries are done needs no activation: it goes now
    /// rather than after the collection age. Reads of its status activate it again from the stored checkpoint.
    /// </summary>
    private void ReleaseWhenReported()
    {
        if (State.Status.IsFinished() && !State.ResultWebhooksPending && _notifyTimer is null)
        {
            LogReleased(_logger, RunId);
            DeactivateOnIdle();
        }
    }

    private void FlushRunLog()
    {
        var lines = _runLogger.Drain();
        if (lines.Count == 0)
        {
            return;
        }

        // Appends are chained so the log keeps its order, and run off the grain so no step waits for them.
        var previous = _logFlush;
        var runId = RunId;
        _logFlush = Task.Run(async () =>
        {
            await previous;
            try
            {
                await _logStore.AppendAsync(runId, lines, CancellationToken.None);
            }
            catch (Exception exception)
            {
                LogRunLogFailed(_logger, exception, runId);
            }
        });
    }

    private void ReportStarted()
    {
        var origin = State.Occurrence.StartsWith(JobIds.ManualPrefix, StringComparison.Ordinal) ? "manual" : "scheduled";
        JobsInstrumentation.RunsStarted.Add(1, JobsInstrumentation.JobType(Definition.Type), new KeyValuePair<string, object?>("origin", origin));
        LogStarted(_logger, RunId, Definition.Type, _silo);
    }

    private void ReportFinished()
    {
        JobsInstrumentation.RunsFinished.Add(1, JobsInstrumentation.JobType(Definition.Type), new KeyValuePair<string, object?>("status", State.Status.ToString()));
        LogFinished(_logger, RunId, State.Status, State.Attempt, State.Step);
    }
}
