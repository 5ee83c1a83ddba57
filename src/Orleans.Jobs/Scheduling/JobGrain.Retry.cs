using Orleans.Jobs.Runs;

namespace Orleans.Jobs.Scheduling;

/// <summary>A failed run of the job, given one more attempt by request.</summary>
internal sealed partial class JobGrain
{
    private static readonly TimeSpan _longestRetryDelay = TimeSpan.FromDays(1);

    public async Task<RunSnapshot> RetryAsync(TimeSpan delay)
    {
        EnsureExists();
        EnsureNotCancelled("be retried");
        if (State.PausedAt is not null)
        {
            throw new JobConflictException($"Job '{JobId}' is paused; resume it before retrying it.");
        }

        if (delay < TimeSpan.Zero || delay > _longestRetryDelay)
        {
            throw new JobValidationException("delay", $"must be 0–{_longestRetryDelay}, not {delay}.");
        }

        if (State.History.FirstOrDefault() is not { Status: RunStatus.Failed } failed)
        {
            var last = State.History.FirstOrDefault();
            throw new JobConflictException($"Job '{JobId}' has no failed run to retry: its last run {(last is null ? "does not exist" : $"{last.RunId} is {last.Status.ToString().ToLowerInvariant()}")}.");
        }

        var run = await GrainFactory.GetGrain<IRunEngineGrain>(failed.RunId).RetryAsync(delay);

        // The run is active again: it leaves the history until it reports its new end.
        State.History.RemoveAt(0);
        State.Failed--;
        State.ActiveRuns.Add(failed.RunId);
        await SaveAsync();
        LogRetried(JobId, failed.RunId, delay);
        await RaiseAsync(JobEventTypes.Started, () => $"Failed run retried after {delay}.", failed.RunId, run.Status);
        return run;
    }
}
