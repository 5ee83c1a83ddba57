using System.Diagnostics;
using Orleans.Jobs.Diagnostics;
using Orleans.Jobs.Runs;

namespace Orleans.Jobs.Scheduling;

/// <summary>The job's runs: starting (or finding) them, terminating them, and hearing that they finished.</summary>
internal sealed partial class JobGrain
{
    public async Task RunFinishedAsync(RunHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (jobId, generation, _) = JobIds.ParseRunId(entry.RunId);
        if (!Exists || !string.Equals(jobId, JobId, StringComparison.Ordinal) || generation != State.Generation
            || State.History.Exists(h => h.RunId == entry.RunId))
        {
            // A run of a deleted generation, or a report delivered twice.
            return;
        }

        State.ActiveRuns.Remove(entry.RunId);
        State.Backfill?.Active.Remove(entry.RunId);
        State.History.Insert(0, entry);
        if (State.History.Count > options.Value.HistoryLimit)
        {
            State.History.RemoveRange(options.Value.HistoryLimit, State.History.Count - options.Value.HistoryLimit);
        }

        switch (entry.Status)
        {
            case RunStatus.Completed:
                State.Completed++;
                await RecordSuccessAsync(entry.FinishedAt);
                break;
            case RunStatus.Failed:
                State.Failed++;
                break;
            case RunStatus.Terminated:
                State.Terminated++;
                break;
        }

        await StartBufferedAsync();
        await StartBackfillRunsAsync();
        await SaveAsync();
        await RaiseRunFinishedAsync(entry);
        ReleaseWhenIdle();
    }

    /// <summary>
    /// Starts (or finds) the run of <paramref name="occurrence"/> and counts it active until it reports finished. The
    /// planners count scheduled and backfill runs active before they are started; a trigger's run is new unless the
    /// job already counts it (the same idempotency key again).
    /// </summary>
    private async Task<RunSnapshot> StartRunAsync(string occurrence, DateTimeOffset occurrenceTime, JobParameters? parameters, RunOrigin origin)
    {
        var runId = JobIds.RunId(JobId, State.Generation, occurrence);
        var active = origin == RunOrigin.Backfill ? State.Backfill!.Active : State.ActiveRuns;
        var known = (origin == RunOrigin.Trigger && active.Contains(runId)) || State.History.Exists(h => h.RunId == runId);
        using var activity = JobsInstrumentation.ActivitySource.StartActivity($"start {State.Definition!.Type}");
        activity?.SetTag(JobsInstrumentation.JobIdTag, JobId);
        activity?.SetTag(JobsInstrumentation.RunIdTag, runId);
        activity?.SetTag("orleans_jobs.origin", origin.ToString());
        var run = await GrainFactory.Reference<IRunEngineGrain>(runId).StartAsync(new RunStartRequest
        {
            TraceParent = Activity.Current?.Id,
            Generation = State.Generation,
            Occurrence = occurrence,
            OccurrenceTime = occurrenceTime,
            Definition = State.Definition!,
            Parameters = parameters,
        });

        if (run.IsFinished || State.History.Exists(h => h.RunId == runId))
        {
            // A fire or trigger delivered again after its run finished (or a backfill of an occurrence whose run the
            // ledger had forgotten): nothing is active.
            active.Remove(runId);
        }
        else if (!active.Contains(runId))
        {
            active.Add(runId);
        }

        if (!known && !run.IsFinished)
        {
            await RaiseAsync(JobEventTypes.Started, () => $"Run of occurrence {occurrence} started.", runId, run.Status);
        }

        return run;
    }

    private Task TerminateQuietlyAsync(string runId, string reason) => CallRunQuietlyAsync(runId, run => run.TerminateAsync(reason));

    /// <summary>Pause, resume or terminate a run that may have finished meanwhile: that is not an error here.</summary>
    private async Task CallRunQuietlyAsync(string runId, Func<IRunGrain, Task> call)
    {
        try
        {
            await call(GrainFactory.Reference<IRunGrain>(runId));
        }
        catch (JobsException exception)
        {
            LogRunCallSkipped(exception, runId);
        }
    }
}
