namespace Orleans.Jobs.Scheduling;

/// <summary>Backfill: runs for past occurrences that have none, under the backfill's own cap and overlap policy.</summary>
internal sealed partial class JobGrain
{
    public async Task<BackfillResult> BackfillAsync(BackfillRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureExists();
        EnsureNotCancelled("be backfilled");
        var now = time.GetUtcNow();
        var (occurrences, withoutRun) = backfills.Plan(JobId, State, request, now);
        var result = new BackfillResult
        {
            Occurrences = occurrences,
            AlreadyRun = occurrences - withoutRun.Count,
            Queued = [.. withoutRun],
            DryRun = request.DryRun,
        };
        if (request.DryRun)
        {
            return result;
        }

        if (State.Backfill is { UnderWay: true } current)
        {
            throw new JobConflictException(
                $"Job '{JobId}' has a backfill under way ({current.Pending.Count} waiting, {current.Active.Count} running); wait for it or cancel the job first.");
        }

        State.Backfill = new BackfillState
        {
            From = request.From,
            To = request.To,
            MaxConcurrency = request.MaxConcurrency,
            Overlap = request.Overlap,
            Pending = withoutRun,
            RequestedAt = now,
            FinishedAt = withoutRun.Count == 0 ? now : null,
        };
        await StartBackfillRunsAsync();
        await SaveAsync();
        LogBackfill(JobId, withoutRun.Count, request.From, request.To, request.MaxConcurrency);
        await NoteAsync(ActivityLevel.Success, "Backfill requested",
            $"{withoutRun.Count} of {occurrences} occurrences from {request.From:O} to {request.To:O} queued ({result.AlreadyRun} already had a run); at most {request.MaxConcurrency} at a time, {request.Overlap}.");
        return result;
    }

    /// <summary>Starts the backfill runs that may start now; marks the backfill finished when nothing is left.</summary>
    private async Task StartBackfillRunsAsync()
    {
        foreach (var occurrence in backfills.TakeStartable(JobId, State))
        {
            if (await StartPlannedAsync(occurrence, RunOrigin.Backfill) is { } run)
            {
                planner.Record(State, occurrence, OccurrenceOutcome.Backfilled, run.RunId);
            }
        }

        if (State.Backfill is { UnderWay: false, FinishedAt: null } done)
        {
            done.FinishedAt = time.GetUtcNow();
        }
    }

    /// <summary>A cancel drops what the backfill has not started.</summary>
    private void DropBackfill()
    {
        if (State.Backfill is { Pending.Count: > 0 } backfill)
        {
            foreach (var occurrence in backfill.Pending)
            {
                planner.Record(State, occurrence, OccurrenceOutcome.Cancelled, detail: "dropped from a backfill by the cancel");
            }

            backfill.Pending.Clear();
        }
    }

    /// <summary>The job's live runs and its backfill's runs.</summary>
    private IEnumerable<string> AllActiveRuns() =>
        State.Backfill is { Active.Count: > 0 } backfill ? State.ActiveRuns.Concat(backfill.Active).Distinct() : State.ActiveRuns;

    private BackfillProgress? BackfillProgress() => State.Backfill is not { } backfill ? null : new BackfillProgress
    {
        From = backfill.From,
        To = backfill.To,
        MaxConcurrency = backfill.MaxConcurrency,
        Overlap = backfill.Overlap,
        Pending = backfill.Pending.Count,
        ActiveRuns = [.. backfill.Active],
        Started = backfill.Started,
        RequestedAt = backfill.RequestedAt,
        FinishedAt = backfill.FinishedAt,
    };
}
