using Orleans.Jobs.Diagnostics;

namespace Orleans.Jobs.Runs;

/// <summary>What the run tells others: its job when it finishes, the job's activity log, the run log, and metrics.</summary>
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
            await GrainFactory.GetGrain<Scheduling.IJobEngineGrain>(State.JobId).RunFinishedAsync(RunHistoryEntry.Of(Snapshot(), _time.GetUtcNow()));
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
        await RecordFinishActivityAsync();
    }

    /// <summary>The engine's entry in the job's activity log. Best effort: a lost entry is logged, not retried.</summary>
    private async Task RecordFinishActivityAsync()
    {
        var (level, title, summary) = State.Status switch
        {
            RunStatus.Completed => (ActivityLevel.Success, "Run completed", $"{State.Step} steps in {State.Attempt} attempt(s)."),
            RunStatus.Terminated => (ActivityLevel.Warning, "Run terminated", State.TerminationReason ?? "terminated"),
            _ => (ActivityLevel.Error, "Run failed", State.Error is { } error ? $"{error.Type}: {error.Message}" : "failed"),
        };
        try
        {
            await GrainFactory.GetGrain<Services.IJobActivityWriterGrain>(State.JobId).AddAsync(new ActivityEntry
            {
                At = _time.GetUtcNow(),
                Level = level,
                Activity = "run",
                Title = title,
                Summary = summary.Length > 8000 ? summary[..8000] : summary,
                RunId = RunId,
                FromEngine = true,
            });
        }
        catch (Exception exception)
        {
            LogActivityFailed(_logger, exception, RunId);
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
