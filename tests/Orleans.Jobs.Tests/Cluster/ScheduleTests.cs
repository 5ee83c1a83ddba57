using Orleans.Jobs.Tests.TestJobs;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ScheduleTests(ClusterFixture fixture)
{
    private static readonly TimeSpan _everySecond = TimeSpan.FromSeconds(1);

    private static JobDefinition EverySecond(string id, object parameters, Func<JobDefinition, JobDefinition>? configure = null)
    {
        var definition = StepRecorder(id, parameters) with { Schedules = [Schedule.Interval(_everySecond)] };
        return configure?.Invoke(definition) ?? definition;
    }

    private static Task<IReadOnlyList<OccurrenceRecord>> LedgerOf(IJobGrain job) => job.GetOccurrencesAsync(1000);

    /// <summary>Every occurrence between the first and last recorded appears exactly once, one second apart.</summary>
    private static void AssertEachSecondRecordedOnce(IReadOnlyList<OccurrenceRecord> ledger)
    {
        var occurrences = ledger.Select(r => r.Occurrence).Order().ToList();
        Assert.Equal(occurrences.Count, occurrences.Distinct().Count());
        Assert.All(occurrences.Zip(occurrences.Skip(1)), pair => Assert.Equal(_everySecond, pair.Second - pair.First));
    }

    [Fact]
    public async Task IntervalSchedule_FiresEverySecond_EachOccurrenceRunsOnce_AndStopsOnDelete()
    {
        await fixture.EnsureFullClusterAsync();
        var jobId = NewId("every-second");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);

        var created = await job.CreateAsync(EverySecond(jobId, new { steps = 1 }));
        Assert.NotNull(created.NextFireAt);
        Assert.Equal(0, created.NextFireAt!.Value.Millisecond);

        var snapshot = await WaitUntilAsync(job.GetAsync, s => s.Completed >= 3, what: "three completed scheduled runs");
        await job.DeleteAsync();
        var deletedAt = DateTimeOffset.UtcNow;

        Assert.Equal(RunStatus.Completed, snapshot.LastRun!.Status);
        var steps = StepLedger.StepsOfJob(jobId);
        Assert.All(steps.GroupBy(s => s.RunId), run => Assert.Single(run));
        Assert.All(steps, s => Assert.Matches(@"/1/\d{8}T\d{6}\.000Z$", s.RunId));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.DoesNotContain(StepLedger.StepsOfJob(jobId), s => s.At > deletedAt.AddSeconds(0.5));
        await Assert.ThrowsAsync<JobNotFoundException>(job.GetAsync);
    }

    [Fact]
    public async Task PausedJob_FiresNothing_RefusesTriggers_AndResumesWithTheRightNextFire()
    {
        await fixture.EnsureFullClusterAsync();
        var jobId = NewId("paused");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        await job.CreateAsync(EverySecond(jobId, new { steps = 1 }));
        await WaitUntilAsync(job.GetAsync, s => s.ScheduledRuns >= 1, what: "a first scheduled run");

        var paused = await job.PauseAsync();
        var pausedLedger = await LedgerOf(job);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal(JobLifecycle.Paused, (await job.GetAsync()).Status);
        Assert.Null(paused.NextFireAt);
        Assert.Equal(pausedLedger.Count, (await LedgerOf(job)).Count);
        await Assert.ThrowsAsync<JobConflictException>(() => job.TriggerAsync(new TriggerRequest()));

        var resumedAt = DateTimeOffset.UtcNow;
        var resumed = await job.ResumeAsync();
        var ledger = await LedgerOf(job);

        // The fires that fell in the pause: the latest runs now (misfire policy FireOnce), the others are recorded as paused.
        // Only occurrences before the resumed next fire: on a slow machine that fire may already be in the ledger read.
        var inPause = ledger.Where(r => r.RecordedAt >= resumedAt.AddMilliseconds(-100) && r.Occurrence < resumed.NextFireAt).ToList();
        Assert.True(inPause.Count(r => r.Outcome == OccurrenceOutcome.SkippedPaused) >= 1, "the pause skipped at least one fire");
        Assert.Single(inPause, r => r.Outcome == OccurrenceOutcome.Started);
        Assert.InRange(resumed.NextFireAt!.Value, resumedAt.AddSeconds(-1), resumedAt.AddSeconds(2));

        await WaitUntilAsync(() => LedgerOf(job), l => l.Count >= ledger.Count + 2, what: "fires after the resume");
        AssertEachSecondRecordedOnce(await LedgerOf(job));
        await job.DeleteAsync();
    }

    [Fact]
    public async Task KillSiloHoldingTheJob_KeepsFiring_AndNoOccurrenceRunsTwice()
    {
        await fixture.EnsureFullClusterAsync();
        var jobId = NewId("schedule-failover");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        await job.CreateAsync(EverySecond(jobId, new { steps = 1 }, d => d with
        {
            Misfire = new MisfirePolicy { Action = MisfireAction.FireOnce, Threshold = TimeSpan.FromMilliseconds(500) },
        }));
        var before = await WaitUntilAsync(job.GetAsync, s => s.ScheduledRuns >= 2, what: "two scheduled runs");

        var host = fixture.Cluster.GetActiveSilos().Single(s => s.SiloAddress.ToString() == before.Silo);
        await fixture.Cluster.KillSiloAsync(host);
        var killedAt = DateTimeOffset.UtcNow;

        var after = await WaitUntilAsync(job.GetAsync, s => s.ScheduledRuns >= before.ScheduledRuns + 3, what: "three more scheduled runs after the kill");
        var ledger = await LedgerOf(job);
        await job.DeleteAsync();

        Assert.NotEqual(before.Silo, after.Silo);
        AssertEachSecondRecordedOnce(ledger);
        Assert.Contains(ledger, r => r.Outcome == OccurrenceOutcome.Started && r.Occurrence > killedAt);
        var steps = StepLedger.StepsOfJob(jobId);
        Assert.All(steps.GroupBy(s => s.RunId), run => Assert.Single(run));
        Assert.All(ledger.Where(r => r.Outcome == OccurrenceOutcome.Started), r => Assert.EndsWith(JobIds.ScheduledOccurrence(r.Occurrence), r.RunId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OverlapSkip_WhileASlowRunIsActive_RecordsSkippedFires()
    {
        await fixture.EnsureFullClusterAsync();
        var jobId = NewId("overlap-skip");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        await job.CreateAsync(EverySecond(jobId, new { steps = 1, stepDelayMs = 2500 }));

        var ledger = await WaitUntilAsync(() => LedgerOf(job), l => l.Count(r => r.Outcome == OccurrenceOutcome.SkippedOverlap) >= 2, what: "two fires skipped for overlap");
        await job.DeleteAsync();

        Assert.All(ledger.Where(r => r.Outcome == OccurrenceOutcome.SkippedOverlap), r => Assert.Contains("was active", r.Detail, StringComparison.Ordinal));
        AssertEachSecondRecordedOnce(ledger);
    }

    [Fact]
    public async Task OverlapCancelRunning_TerminatesTheActiveRunAndStartsTheNew()
    {
        await fixture.EnsureFullClusterAsync();
        var jobId = NewId("overlap-cancel");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        await job.CreateAsync(EverySecond(jobId, new { steps = 1, stepDelayMs = 5000 }, d => d with { Overlap = OverlapPolicy.CancelRunning }));

        var snapshot = await WaitUntilAsync(job.GetAsync, s => s.Terminated >= 1, what: "a run terminated by the next fire");
        await job.DeleteAsync();

        Assert.Equal(RunStatus.Terminated, snapshot.LastRun!.Status);
        var terminated = await fixture.Client.GetGrain<IRunGrain>(snapshot.LastRun.RunId).GetStatusAsync();
        Assert.Contains("superseded by occurrence", terminated.TerminationReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LimitedSchedule_RunsThatManyTimes_ThenCompletes()
    {
        await fixture.EnsureFullClusterAsync();
        var jobId = NewId("limited");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        await job.CreateAsync(EverySecond(jobId, new { steps = 1 }, d => d with { Limit = 2 }));

        var snapshot = await WaitUntilAsync(job.GetAsync, s => s.Status == JobLifecycle.Completed, what: "the job to complete after its limit");
        var ledger = await LedgerOf(job);
        await job.DeleteAsync();

        Assert.Equal(2, snapshot.ScheduledRuns);
        Assert.Equal(2, snapshot.Completed);
        Assert.Null(snapshot.NextFireAt);
        Assert.Equal(OccurrenceOutcome.LimitReached, ledger[0].Outcome);
    }

    [Fact]
    public async Task JobWithDistantFire_HoldsNoActivation_AndItsReminderBringsItBack()
    {
        await fixture.EnsureFullClusterAsync();
        var jobId = NewId("distant");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        var management = fixture.Client.GetGrain<IManagementGrain>(0);

        var created = await job.CreateAsync(StepRecorder(jobId, new { steps = 1 }) with { Schedules = [Schedule.Cron("0 0 1 1 *")] });
        await WaitUntilAsync(
            async () => (await management.GetDetailedGrainStatistics()).Count(s => s.GrainId.ToString().EndsWith(jobId, StringComparison.Ordinal)),
            count => count == 0,
            what: "the idle job's activation to be released");

        // A call (or the reminder, in time for the fire) brings it back with its schedule intact.
        var again = await job.GetAsync();
        await job.DeleteAsync();
        Assert.Equal(created.NextFireAt, again.NextFireAt);
        Assert.Equal(JobLifecycle.Scheduled, again.Status);
    }
}
