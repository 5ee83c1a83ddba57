using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Hosting;

namespace Orleans.Jobs.Scheduling;

/// <summary>
/// The scheduling policies, free of Orleans: given a job's state and the time, decides which due occurrences run,
/// which wait (overlap buffer), which are skipped or missed (overlap, misfire, pause, limit, end date), records each in
/// the ledger, and advances the stored next occurrence. The job grain carries out the decisions.
/// </summary>
internal sealed class SchedulePlanner(IOptions<JobsOptions> options, [FromKeyedServices(JobsTime.Key)] TimeProvider time)
{
    /// <summary>Past this many missed fires, stop counting one by one and go on from now.</summary>
    private const long MaximumCountedMisses = 1_000_000;

    /// <summary>
    /// Timeline steps one slice takes beyond the fires it keeps for judging: a backlog advances at least this far per
    /// turn, and a turn takes at most <see cref="MostStepsPerSlice"/> steps.
    /// </summary>
    public const int SliceProgress = 4096;

    /// <summary>
    /// Acts on the occurrences due now, at most <see cref="MostStepsPerSlice"/> of them in one call. On time ones fire;
    /// late ones (past the misfire threshold, or all of them with <paramref name="allMissed"/>, as after a pause)
    /// follow the misfire policy, and those it does not run are recorded as <paramref name="missedAs"/>. When more are
    /// due than one slice takes, the oldest are decided (none of them can be a fire the policy runs: newer late ones
    /// exist), the newest examined are kept, and <see cref="ScheduleDecisions.MoreDue"/> asks for a further call, which
    /// goes on with the judgement stored in <see cref="JobState.Backlog"/>.
    /// </summary>
    public ScheduleDecisions HandleDue(string jobId, JobState state, OccurrenceOutcome missedAs, bool allMissed = false)
    {
        var decisions = new ScheduleDecisions();
        if (state.Definition is not { } definition || state.PausedAt is not null || state.NextFireAt is null)
        {
            return decisions;
        }

        if (state.Backlog is { } backlog)
        {
            missedAs = backlog.MissedAs;
            allMissed = backlog.AllMissed;
        }

        var now = time.GetUtcNow();
        var keep = Keep(definition);
        var unlisted = state.Backlog?.Unlisted ?? 0;
        var examined = new List<DateTimeOffset>();
        DateTimeOffset? cursor = state.NextFireAt, last = null;
        while (cursor is { } occurrence && DueAt(jobId, definition, occurrence) <= now && examined.Count < keep + SliceProgress)
        {
            examined.Add(occurrence);
            last = occurrence;
            decisions.Examined++;
            cursor = unlisted + examined.Count >= MaximumCountedMisses ? ScheduleTimeline.NextAfter(definition, now) : ScheduleTimeline.NextAfter(definition, occurrence);
        }

        if (examined.Count == 0)
        {
            decisions.Changed = state.Backlog is not null;
            state.Backlog = null;
            return decisions;
        }

        decisions.Changed = true;
        if (cursor is { } further && DueAt(jobId, definition, further) <= now)
        {
            // More due than one slice: the oldest are older than at least `keep` due fires, so the policy runs none of them.
            var decided = examined.Count - keep;
            state.Backlog = new DueBacklog { MissedAs = missedAs, AllMissed = allMissed, Unlisted = unlisted + decided };
            state.NextFireAt = examined[decided];
            decisions.MoreDue = true;
            return decisions;
        }

        var due = examined.Count > keep ? examined[^keep..] : examined;
        state.Backlog = null;
        state.NextFireAt = cursor;
        ProcessDue(jobId, state, decisions, due, unlisted + (examined.Count - due.Count), now, missedAs, allMissed);
        if (state.NextFireAt is null && definition.EndAt is { } end && last is { } lastFire
            && ScheduleTimeline.NextAfter(definition with { EndAt = null }, lastFire) is not null)
        {
            Record(state, end, OccurrenceOutcome.EndReached, detail: $"the end date {end:O} has passed; the schedule is over");
        }

        return decisions;
    }

    /// <summary>The most timeline steps one <see cref="HandleDue"/> takes for <paramref name="definition"/>.</summary>
    public int MostStepsPerSlice(JobDefinition definition) => Keep(definition) + SliceProgress;

    /// <summary>How many of the newest due fires are listed and judged one by one.</summary>
    private int Keep(JobDefinition definition) => Math.Max(options.Value.MaximumMissedFiresListed, definition.Misfire.MaximumCatchUp) + 1;

    /// <summary>Starts the oldest buffered occurrence when no run is active and the job is not paused.</summary>
    public ScheduleDecisions StartBuffered(string jobId, JobState state)
    {
        var decisions = new ScheduleDecisions();
        while (state.Buffered.Count > 0 && state.ActiveRuns.Count == 0 && state.PausedAt is null)
        {
            var occurrence = state.Buffered[0];
            state.Buffered.RemoveAt(0);
            decisions.Changed = true;
            if (!LimitReached(state, occurrence))
            {
                Start(jobId, state, decisions, occurrence);
            }
        }

        return decisions;
    }

    /// <summary>Drops every buffered occurrence, recording each as <paramref name="outcome"/>.</summary>
    public void DropBuffered(JobState state, OccurrenceOutcome outcome)
    {
        foreach (var occurrence in state.Buffered)
        {
            Record(state, occurrence, outcome);
        }

        state.Buffered.Clear();
    }

    /// <summary>A fire's delay from its occurrence time: the job's jitter, fixed per occurrence.</summary>
    public static TimeSpan Jitter(string jobId, JobDefinition definition, DateTimeOffset occurrence) =>
        ScheduleTimeline.JitterFor(jobId, occurrence, definition.Jitter);

    /// <summary>When a fire is due: its occurrence plus its jitter, at most the end of time (for a job stored before the bounds).</summary>
    public static DateTimeOffset DueAt(string jobId, JobDefinition definition, DateTimeOffset occurrence)
    {
        var jitter = Jitter(jobId, definition, occurrence);
        return jitter >= DateTimeOffset.MaxValue - occurrence ? DateTimeOffset.MaxValue : occurrence + jitter;
    }

    private void ProcessDue(
        string jobId, JobState state, ScheduleDecisions decisions, IReadOnlyList<DateTimeOffset> due, long unlistedOlder,
        DateTimeOffset now, OccurrenceOutcome missedAs, bool allMissed)
    {
        var definition = state.Definition!;
        var misfire = definition.Misfire;
        var late = allMissed ? [.. due] : due.Where(o => now - DueAt(jobId, definition, o) > misfire.Threshold).ToList();
        var fire = due.Except(late).Select(o => (Occurrence: o, CatchUp: false)).ToList();
        var notRun = late;
        switch (misfire.Action)
        {
            case MisfireAction.FireOnce when late.Count > 0 && fire.Count == 0:
                // Once: the latest missed fire runs, unless an on-time fire runs now anyway.
                fire.Add((late[^1], false));
                notRun = late[..^1];
                break;
            case MisfireAction.CatchUp:
                var caughtUp = late.Where(o => now - o <= misfire.MaximumCatchUpAge).TakeLast(misfire.MaximumCatchUp).ToList();
                fire.AddRange(caughtUp.Select(o => (o, true)));
                notRun = [.. late.Except(caughtUp)];
                break;
        }

        if (unlistedOlder > 0)
        {
            Record(state, notRun.Count > 0 ? notRun[0] : due[0], missedAs, detail: $"{unlistedOlder} earlier fires were not run either");
        }

        foreach (var occurrence in notRun)
        {
            Record(state, occurrence, missedAs, detail: $"{(now - occurrence).TotalSeconds:0.#} s late; misfire policy {misfire.Action}");
        }

        foreach (var (occurrence, catchUp) in fire.OrderBy(f => f.Occurrence))
        {
            Fire(jobId, state, decisions, occurrence, catchUp);
        }
    }

    /// <summary>One occurrence fires: it starts a run, or the overlap policy buffers or skips it.</summary>
    private void Fire(string jobId, JobState state, ScheduleDecisions decisions, DateTimeOffset occurrence, bool catchUp)
    {
        var definition = state.Definition!;
        if (LimitReached(state, occurrence))
        {
            return;
        }

        if (state.ActiveRuns.Count == 0 || definition.Overlap == OverlapPolicy.AllowConcurrent)
        {
            Start(jobId, state, decisions, occurrence);
            return;
        }

        // Caught-up fires queue behind each other rather than being skipped as overlaps of one another.
        var overlap = catchUp && definition.Overlap is OverlapPolicy.Skip or OverlapPolicy.BufferOne ? OverlapPolicy.BufferAll : definition.Overlap;
        var active = string.Join(", ", state.ActiveRuns);
        switch (overlap)
        {
            case OverlapPolicy.BufferOne when state.Buffered.Count == 0:
            case OverlapPolicy.BufferAll when state.Buffered.Count < options.Value.MaximumBufferedFires:
                state.Buffered.Add(occurrence);
                Record(state, occurrence, OccurrenceOutcome.Buffered, detail: $"waiting for {active}");
                break;
            case OverlapPolicy.CancelRunning:
                var reason = $"superseded by occurrence {JobIds.ScheduledOccurrence(occurrence)} (overlap policy CancelRunning)";
                decisions.Terminate.AddRange(state.ActiveRuns.Select(runId => (runId, reason)));
                Start(jobId, state, decisions, occurrence);
                break;
            default:
                Record(state, occurrence, OccurrenceOutcome.SkippedOverlap, detail: overlap == OverlapPolicy.Skip ? $"{active} was active" : $"{active} was active and the buffer was full");
                break;
        }
    }

    private void Start(string jobId, JobState state, ScheduleDecisions decisions, DateTimeOffset occurrence)
    {
        var runId = JobIds.RunId(jobId, state.Generation, JobIds.ScheduledOccurrence(occurrence));
        if (!state.ActiveRuns.Contains(runId))
        {
            state.ActiveRuns.Add(runId);
        }

        state.ScheduledRuns++;
        decisions.Start.Add(occurrence);
        Record(state, occurrence, OccurrenceOutcome.Started, runId);
    }

    private bool LimitReached(JobState state, DateTimeOffset occurrence)
    {
        if (state.Definition!.Limit is not { } limit || state.ScheduledRuns < limit)
        {
            return false;
        }

        Record(state, occurrence, OccurrenceOutcome.LimitReached, detail: $"{state.ScheduledRuns} of {limit} scheduled runs done; the schedule is over");
        state.NextFireAt = null;
        DropBuffered(state, OccurrenceOutcome.LimitReached);
        return true;
    }

    /// <summary>Adds an entry to the job's bounded ledger (replacing the occurrence's <c>Buffered</c> entry).</summary>
    public void Record(JobState state, DateTimeOffset occurrence, OccurrenceOutcome outcome, string? runId = null, string? detail = null)
    {
        state.Ledger.RemoveAll(r => r.Occurrence == occurrence && r.Outcome == OccurrenceOutcome.Buffered);
        state.Ledger.Insert(0, new OccurrenceRecord
        {
            Occurrence = occurrence,
            Outcome = outcome,
            RecordedAt = time.GetUtcNow(),
            RunId = runId,
            Detail = detail,
        });
        var limit = options.Value.LedgerLimit;
        if (state.Ledger.Count > limit)
        {
            state.Ledger.RemoveRange(limit, state.Ledger.Count - limit);
        }
    }
}
