using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Scheduling;

namespace Orleans.Jobs.Tests.Unit.Schedules;

public sealed class SchedulePlannerTests
{
    private const string JobId = "planner-job";
    private static readonly DateTimeOffset _start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(_start);
    private readonly SchedulePlanner _planner;

    public SchedulePlannerTests()
    {
        _planner = new SchedulePlanner(Options.Create(new JobsOptions { MaximumBufferedFires = 3 }), _time);
    }

    private static JobState Job(Func<JobDefinition, JobDefinition>? configure = null)
    {
        var definition = new JobDefinition { Id = JobId, Type = "t", Schedules = [Schedule.Interval(TimeSpan.FromMinutes(1))] };
        definition = configure?.Invoke(definition) ?? definition;
        return new JobState { Definition = definition, Generation = 1, Version = 1, NextFireAt = ScheduleTimeline.NextAfter(definition, _start) };
    }

    private static string RunOf(DateTimeOffset occurrence) => JobIds.RunId(JobId, 1, JobIds.ScheduledOccurrence(occurrence));

    private static DateTimeOffset Minute(int n) => _start.AddMinutes(n);

    [Fact]
    public void DueOccurrence_StartsItsRun_RecordsIt_AndAdvances()
    {
        var state = Job();
        _time.Advance(TimeSpan.FromSeconds(60.2));

        var decisions = _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);

        Assert.Equal([Minute(1)], decisions.Start);
        Assert.Equal([RunOf(Minute(1))], state.ActiveRuns);
        Assert.Equal(Minute(2), state.NextFireAt);
        var record = Assert.Single(state.Ledger);
        Assert.Equal((Minute(1), OccurrenceOutcome.Started, RunOf(Minute(1))), (record.Occurrence, record.Outcome, record.RunId));
    }

    [Fact]
    public void NothingDue_OrDeliveredTwice_DecidesNothing()
    {
        var state = Job();
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(_planner.HandleDue(JobId, state, OccurrenceOutcome.Missed).Changed);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Single(_planner.HandleDue(JobId, state, OccurrenceOutcome.Missed).Start);
        Assert.False(_planner.HandleDue(JobId, state, OccurrenceOutcome.Missed).Changed);
        Assert.Equal(1, state.ScheduledRuns);
    }

    [Fact]
    public void Overlap_Skip_RecordsTheSkippedFire()
    {
        var state = Job();
        state.ActiveRuns.Add("planner-job/1/manual-x");
        _time.Advance(TimeSpan.FromMinutes(1));

        var decisions = _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);

        Assert.Empty(decisions.Start);
        Assert.Equal(OccurrenceOutcome.SkippedOverlap, Assert.Single(state.Ledger).Outcome);
        Assert.Contains("manual-x", state.Ledger[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlap_BufferOne_KeepsTheFirstFire_SkipsTheNext_StartsItWhenTheRunEnds()
    {
        var state = Job(d => d with { Overlap = OverlapPolicy.BufferOne });
        state.ActiveRuns.Add("planner-job/1/manual-x");
        _time.Advance(TimeSpan.FromMinutes(1));
        _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);
        _time.Advance(TimeSpan.FromMinutes(1));
        _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);

        Assert.Equal([Minute(1)], state.Buffered);
        Assert.Equal(OccurrenceOutcome.SkippedOverlap, state.Ledger.Single(r => r.Occurrence == Minute(2)).Outcome);

        state.ActiveRuns.Clear();
        var decisions = _planner.StartBuffered(JobId, state);

        Assert.Equal([Minute(1)], decisions.Start);
        Assert.Empty(state.Buffered);
        var record = Assert.Single(state.Ledger, r => r.Occurrence == Minute(1));
        Assert.Equal(OccurrenceOutcome.Started, record.Outcome);
    }

    [Fact]
    public void Overlap_BufferAll_QueuesUpToTheLimit_AndStartsOneAtATime()
    {
        var state = Job(d => d with { Overlap = OverlapPolicy.BufferAll });
        state.ActiveRuns.Add("planner-job/1/manual-x");
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);
        }

        Assert.Equal([Minute(1), Minute(2), Minute(3)], state.Buffered);
        Assert.Contains("buffer was full", state.Ledger.Single(r => r.Occurrence == Minute(4)).Detail, StringComparison.Ordinal);

        state.ActiveRuns.Clear();
        Assert.Equal([Minute(1)], _planner.StartBuffered(JobId, state).Start);
        Assert.Equal([Minute(2), Minute(3)], state.Buffered);
    }

    [Fact]
    public void Overlap_AllowConcurrent_StartsAlongside()
    {
        var state = Job(d => d with { Overlap = OverlapPolicy.AllowConcurrent });
        state.ActiveRuns.Add("planner-job/1/manual-x");
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([Minute(1)], _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed).Start);
        Assert.Equal(2, state.ActiveRuns.Count);
    }

    [Fact]
    public void Overlap_CancelRunning_TerminatesTheActiveRunThenStarts()
    {
        var state = Job(d => d with { Overlap = OverlapPolicy.CancelRunning });
        state.ActiveRuns.Add("planner-job/1/manual-x");
        _time.Advance(TimeSpan.FromMinutes(1));

        var decisions = _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);

        var (runId, reason) = Assert.Single(decisions.Terminate);
        Assert.Equal("planner-job/1/manual-x", runId);
        Assert.Contains("superseded", reason, StringComparison.Ordinal);
        Assert.Equal([Minute(1)], decisions.Start);
    }

    [Fact]
    public void LateWithinThreshold_FiresNormally()
    {
        var state = Job();
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(59));

        Assert.Equal([Minute(1)], _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed).Start);
    }

    [Fact]
    public void Misfire_FireOnce_RunsTheLatestMissedFire_AndRecordsTheOthers()
    {
        var state = Job();
        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30));

        var decisions = _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);

        // Fires at minutes 1–10 are all due; 10 is late by 30 s (on time) and is the one run; 1–9 are past the threshold.
        Assert.Equal([Minute(10)], decisions.Start);
        Assert.Equal(9, state.Ledger.Count(r => r.Outcome == OccurrenceOutcome.Missed));
        Assert.Equal(Minute(11), state.NextFireAt);
    }

    [Fact]
    public void Misfire_FireOnce_WithNoFireOnTime_RunsTheLatestMissed()
    {
        var state = Job(d => d with { Misfire = new MisfirePolicy { Threshold = TimeSpan.FromSeconds(5) } });
        _time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(30));

        Assert.Equal([Minute(4)], _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed).Start);
        Assert.Equal(3, state.Ledger.Count(r => r.Outcome == OccurrenceOutcome.Missed));
    }

    [Fact]
    public void Misfire_Skip_RunsNoneOfTheMissedFires()
    {
        var state = Job(d => d with { Misfire = new MisfirePolicy { Action = MisfireAction.Skip, Threshold = TimeSpan.FromSeconds(5) } });
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30));

        var decisions = _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);

        Assert.Empty(decisions.Start);
        Assert.Equal(5, state.Ledger.Count(r => r.Outcome == OccurrenceOutcome.Missed));
        Assert.Equal(Minute(6), state.NextFireAt);
    }

    [Fact]
    public void Misfire_CatchUp_RunsTheNewestWithinCountAndAge_OneAfterAnother()
    {
        var state = Job(d => d with
        {
            Misfire = new MisfirePolicy { Action = MisfireAction.CatchUp, Threshold = TimeSpan.FromSeconds(5), MaximumCatchUp = 3, MaximumCatchUpAge = TimeSpan.FromMinutes(10) },
        });
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30));

        var decisions = _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);

        // Minutes 3, 4, 5 are caught up: the first starts, the others wait for it (not skipped as overlaps).
        Assert.Equal([Minute(3)], decisions.Start);
        Assert.Equal([Minute(4), Minute(5)], state.Buffered);
        Assert.Equal([Minute(1), Minute(2)], state.Ledger.Where(r => r.Outcome == OccurrenceOutcome.Missed).Select(r => r.Occurrence).Order());
    }

    [Fact]
    public void Misfire_CatchUp_LeavesFiresOlderThanTheMaximumAge()
    {
        var state = Job(d => d with
        {
            Misfire = new MisfirePolicy { Action = MisfireAction.CatchUp, Threshold = TimeSpan.FromSeconds(5), MaximumCatchUp = 10, MaximumCatchUpAge = TimeSpan.FromMinutes(2) },
        });
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30));

        _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);

        Assert.Equal(3, state.Ledger.Count(r => r.Outcome == OccurrenceOutcome.Missed));
        Assert.Equal(2, state.Ledger.Count(r => r.Outcome is OccurrenceOutcome.Started or OccurrenceOutcome.Buffered));
    }

    [Fact]
    public void AfterPause_AllFiresInThePauseAreMissed_AndRecordedAsPaused()
    {
        var state = Job();
        _time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        var decisions = _planner.HandleDue(JobId, state, OccurrenceOutcome.SkippedPaused, allMissed: true);

        Assert.Equal([Minute(3)], decisions.Start);
        Assert.Equal([Minute(1), Minute(2)], state.Ledger.Where(r => r.Outcome == OccurrenceOutcome.SkippedPaused).Select(r => r.Occurrence).Order());
        Assert.Equal(Minute(4), state.NextFireAt);
    }

    [Fact]
    public void WhilePaused_NothingFires()
    {
        var state = Job();
        state.PausedAt = _start;
        _time.Advance(TimeSpan.FromMinutes(3));

        Assert.False(_planner.HandleDue(JobId, state, OccurrenceOutcome.Missed).Changed);
        Assert.Empty(state.Ledger);
    }

    [Fact]
    public void Limit_EndsTheScheduleAfterThatManyRuns()
    {
        var state = Job(d => d with { Limit = 2 });
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);
            state.ActiveRuns.Clear();
        }

        Assert.Equal(2, state.ScheduledRuns);
        Assert.Null(state.NextFireAt);
        Assert.Equal(OccurrenceOutcome.LimitReached, state.Ledger[0].Outcome);
        Assert.Equal(Minute(3), state.Ledger[0].Occurrence);
    }

    [Fact]
    public void EndDate_EndsTheScheduleAndSaysSo()
    {
        var state = Job(d => d with { EndAt = Minute(2).AddSeconds(30) });
        _time.Advance(TimeSpan.FromMinutes(2));
        _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);

        Assert.Null(state.NextFireAt);
        Assert.Equal(OccurrenceOutcome.EndReached, state.Ledger[0].Outcome);
        Assert.Equal(2, state.Ledger.Count(r => r.Outcome == OccurrenceOutcome.Started || r.Outcome == OccurrenceOutcome.SkippedOverlap));
    }

    [Fact]
    public void Jitter_DelaysTheFireButNotItsIdentity()
    {
        var state = Job(d => d with { Jitter = TimeSpan.FromSeconds(30) });
        var delay = ScheduleTimeline.JitterFor(JobId, Minute(1), TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromMinutes(1) + delay - TimeSpan.FromMilliseconds(1));
        Assert.False(_planner.HandleDue(JobId, state, OccurrenceOutcome.Missed).Changed);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([Minute(1)], _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed).Start);
        Assert.Equal(RunOf(Minute(1)), state.Ledger[0].RunId);
    }

    [Fact]
    public void Ledger_IsBoundedNewestFirst()
    {
        var planner = new SchedulePlanner(Options.Create(new JobsOptions { LedgerLimit = 5 }), _time);
        var state = Job(d => d with { Overlap = OverlapPolicy.Skip });
        state.ActiveRuns.Add("planner-job/1/manual-x");
        for (var i = 0; i < 8; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);
        }

        Assert.Equal([Minute(8), Minute(7), Minute(6), Minute(5), Minute(4)], state.Ledger.Select(r => r.Occurrence));
    }

    [Fact]
    public void AJobStoredBeforeTheBounds_WithAFireAtTheEndOfTimeAndADayOfJitter_PlansWithoutOverflow()
    {
        // Stored by an earlier version, which took a one-shot at 9999-12-31T23:59:59Z with a day's jitter.
        var endOfTime = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);
        var state = Job(d => d with { Schedules = [Schedule.Once(endOfTime)], Jitter = TimeSpan.FromDays(1) });
        state.NextFireAt = endOfTime;

        Assert.True(SchedulePlanner.DueAt(JobId, state.Definition!, endOfTime) >= endOfTime);
        var decisions = _planner.HandleDue(JobId, state, OccurrenceOutcome.Missed);

        Assert.False(decisions.Changed);
        Assert.Equal(endOfTime, state.NextFireAt);
    }
}
