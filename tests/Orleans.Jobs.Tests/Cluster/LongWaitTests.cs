using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Cluster;

/// <summary>
/// Waits longer than Orleans lets a timer or reminder wait at once (about 49.7 days), on the engine's movable clock:
/// the run or job is armed without error, stays observable, pausable and deletable, and carries on when its time comes.
/// </summary>
[Collection(LongWaitCollection.Name)]
public sealed class LongWaitTests(LongWaitClusterFixture fixture)
{
    private static readonly TimeSpan _sixtyDays = TimeSpan.FromDays(60);

    [Fact]
    public async Task ARunSleepingSixtyDays_IsPausable_AndWakesWhenTheClockGetsThere()
    {
        var jobs = fixture.Jobs;
        var id = NewId("sleep-60d");
        await jobs.Jobs.CreateAsync(StepRecorder(id, new { Steps = 2, SleepAfterStep = 0, SleepMs = (long)_sixtyDays.TotalMilliseconds }));
        var run = await jobs.Jobs.TriggerAsync(id);

        var sleeping = await WaitUntilAsync(() => jobs.Runs.GetAsync(run.RunId), r => r.Status == RunStatus.Sleeping, what: "the run to sleep");
        Assert.InRange(sleeping.WakeAt!.Value - fixture.Clock.GetUtcNow(), _sixtyDays - TimeSpan.FromMinutes(1), _sixtyDays);

        await jobs.Jobs.PauseAsync(id);
        await WaitUntilAsync(() => jobs.Runs.GetAsync(run.RunId), r => r.Status == RunStatus.Paused, what: "the run to pause");
        await jobs.Jobs.ResumeAsync(id);
        await WaitUntilAsync(() => jobs.Runs.GetAsync(run.RunId), r => r.Status == RunStatus.Sleeping, what: "the run to sleep again");

        fixture.Clock.Advance(_sixtyDays + TimeSpan.FromSeconds(5));
        var finished = await fixture.Cluster.Client.GetGrain<IRunGrain>(run.RunId).WaitForFinishAsync();
        Assert.Equal(RunStatus.Completed, finished.Status);
        await jobs.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task ARunSleepingUntilFourHundredDaysAhead_IsObservable_AndEndsWithItsJob()
    {
        var jobs = fixture.Jobs;
        var id = NewId("sleep-400d");
        var ahead = TimeSpan.FromDays(400);
        await jobs.Jobs.CreateAsync(StepRecorder(id, new { Steps = 2, SleepAfterStep = 0, SleepUntilMs = (long)ahead.TotalMilliseconds }));
        var run = await jobs.Jobs.TriggerAsync(id);

        var sleeping = await WaitUntilAsync(() => jobs.Runs.GetAsync(run.RunId), r => r.Status == RunStatus.Sleeping, what: "the run to sleep");
        Assert.InRange(sleeping.WakeAt!.Value - fixture.Clock.GetUtcNow(), ahead - TimeSpan.FromMinutes(1), ahead);

        // A month on it still sleeps, and answers.
        fixture.Clock.Advance(TimeSpan.FromDays(30));
        await Task.Delay(ClusterFixture.KeepAlivePeriod * 3);
        Assert.Equal(RunStatus.Sleeping, (await jobs.Runs.GetAsync(run.RunId)).Status);

        await jobs.Jobs.DeleteAsync(id);
        var ended = await fixture.Cluster.Client.GetGrain<IRunGrain>(run.RunId).WaitForFinishAsync();
        Assert.Equal(RunStatus.Terminated, ended.Status);
        await Assert.ThrowsAsync<JobNotFoundException>(() => jobs.Jobs.GetAsync(id));
    }

    [Fact]
    public async Task ASixtyDaySuccessWindow_IsTracked_AndTurnsUnhealthyWhenItRunsOut()
    {
        var jobs = fixture.Jobs;
        var id = NewId("within-60d");
        var created = await jobs.Jobs.CreateAsync(StepRecorder(id, new { Steps = 1 }) with { SuccessWithin = _sixtyDays });
        Assert.Equal(JobHealthStatus.Healthy, created.Health.Status);

        await jobs.Jobs.PauseAsync(id);
        await jobs.Jobs.ResumeAsync(id);
        fixture.Clock.Advance(_sixtyDays + TimeSpan.FromDays(1));
        Assert.Equal(JobHealthStatus.Unhealthy, (await jobs.Jobs.GetAsync(id)).Health.Status);
        await jobs.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task AOneShotInTheYear9999WithJitter_IsArmed_Paused_ReadAndDeleted()
    {
        var jobs = fixture.Jobs;
        var id = NewId("year-9999");
        var at = new DateTimeOffset(9999, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var created = await jobs.Jobs.CreateAsync(StepRecorder(id, new { Steps = 1 }) with { Schedules = [Schedule.Once(at)], Jitter = TimeSpan.FromDays(1) });
        Assert.Equal(at, created.NextFireAt);

        var paused = await jobs.Jobs.PauseAsync(id);
        Assert.NotNull(paused.PausedAt);
        await jobs.Jobs.ResumeAsync(id);
        Assert.Equal(at, (await jobs.Jobs.GetAsync(id)).NextFireAt);
        await jobs.Jobs.DeleteAsync(id);
        await Assert.ThrowsAsync<JobNotFoundException>(() => jobs.Jobs.GetAsync(id));
    }
}
