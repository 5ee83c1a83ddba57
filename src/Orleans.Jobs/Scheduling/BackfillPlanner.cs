using Microsoft.Extensions.Options;
using Orleans.Jobs.Configuration;

namespace Orleans.Jobs.Scheduling;

/// <summary>
/// Decides what a backfill runs and when. Pure: it reads and changes a <see cref="JobState"/>; the job grain starts
/// the runs it names.
/// </summary>
internal sealed class BackfillPlanner(IOptions<JobsOptions> options)
{
    private const int MaximumConcurrency = 100;

    /// <summary>
    /// The job's occurrences in the request's range, and those of them without a run. Refuses a range in the future,
    /// an empty or reversed one, or one with more occurrences than <c>JobsOptions.BackfillLimit</c>.
    /// </summary>
    public (int Occurrences, List<DateTimeOffset> WithoutRun) Plan(string jobId, JobState state, BackfillRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To > now)
        {
            throw new JobValidationException("to", $"{request.To:O} is in the future; a backfill covers past occurrences only.");
        }

        ScheduleLimits.Validate(request.From, "from");
        ScheduleLimits.Validate(request.To, "to");
        if (request.From > request.To)
        {
            throw new JobValidationException("from", $"{request.From:O} is after to ({request.To:O}).");
        }

        if (request.MaxConcurrency is < 1 or > MaximumConcurrency)
        {
            throw new JobValidationException("maxConcurrency", $"must be 1–{MaximumConcurrency}, not {request.MaxConcurrency}.");
        }

        if (!Enum.IsDefined(request.Overlap))
        {
            throw new JobValidationException("overlap", $"unknown value {request.Overlap}.");
        }

        var limit = options.Value.BackfillLimit;
        var occurrences = new List<DateTimeOffset>();
        var after = request.From.AddTicks(-1);
        while (ScheduleTimeline.NextAfter(state.Definition!, after) is { } next && next <= request.To)
        {
            if (occurrences.Count == limit)
            {
                throw new JobValidationException("to", $"the range holds more than {limit} occurrences (JobsOptions.BackfillLimit); split it.");
            }

            occurrences.Add(next);
            after = next;
        }

        var withRun = OccurrencesWithRun(jobId, state);
        return (occurrences.Count, occurrences.Where(o => !withRun.Contains(o)).ToList());
    }

    /// <summary>Takes the pending occurrences that may start now, oldest first, and counts their runs active.</summary>
    public List<DateTimeOffset> TakeStartable(string jobId, JobState state)
    {
        var started = new List<DateTimeOffset>();
        if (state.Backfill is not { } backfill || state.PausedAt is not null || state.CancelledAt is not null)
        {
            return started;
        }

        while (backfill.Pending.Count > 0 && backfill.Active.Count < backfill.MaxConcurrency
            && (backfill.Overlap == BackfillOverlap.RunAlongside || state.ActiveRuns.Count == 0))
        {
            var occurrence = backfill.Pending[0];
            backfill.Pending.RemoveAt(0);
            backfill.Active.Add(JobIds.RunId(jobId, state.Generation, JobIds.ScheduledOccurrence(occurrence)));
            backfill.Started++;
            started.Add(occurrence);
        }

        return started;
    }

    /// <summary>Occurrences the ledger, the history or the active runs show a run for.</summary>
    private static HashSet<DateTimeOffset> OccurrencesWithRun(string jobId, JobState state)
    {
        var withRun = state.Ledger
            .Where(r => r.Outcome is OccurrenceOutcome.Started or OccurrenceOutcome.Backfilled)
            .Select(r => r.Occurrence)
            .ToHashSet();
        var prefix = JobIds.RunId(jobId, state.Generation, string.Empty);
        foreach (var runId in state.History.Select(h => h.RunId).Concat(state.ActiveRuns))
        {
            if (runId.StartsWith(prefix, StringComparison.Ordinal) && JobIds.TryParseScheduledOccurrence(runId[prefix.Length..], out var occurrence))
            {
                withRun.Add(occurrence);
            }
        }

        return withRun;
    }
}
