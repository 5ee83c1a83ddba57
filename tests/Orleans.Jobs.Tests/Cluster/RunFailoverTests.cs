using Orleans.Jobs.Tests.TestJobs;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class RunFailoverTests(ClusterFixture fixture)
{
    [Fact]
    public async Task KillHostingSilo_MidRun_RunFinishesElsewhereFromLastCheckpoint()
    {
        await fixture.EnsureFullClusterAsync();
        const int steps = 12;
        var id = NewId("failover");
        var job = fixture.Client.GetGrain<IJobGrain>(id);
        await job.CreateAsync(StepRecorder(id, new { steps, stepDelayMs = 250 }));
        var started = await job.TriggerAsync(new TriggerRequest());
        var run = fixture.Client.GetGrain<IRunGrain>(started.RunId);
        var beforeKill = await WaitUntilAsync(() => run.GetStatusAsync(), s => s.Step >= 3, what: "three committed steps");

        var host = fixture.Cluster.GetActiveSilos().Single(s => s.SiloAddress.ToString() == beforeKill.Silo);
        await fixture.Cluster.KillSiloAsync(host);
        var killedAt = DateTimeOffset.UtcNow;
        var finished = await run.WaitForFinishAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal(steps, finished.Step);
        Assert.Equal(1, finished.Attempt);
        Assert.NotEqual(beforeKill.Silo, finished.Silo);

        var performed = StepLedger.StepsOf(started.RunId);
        // None skipped: every step was performed.
        Assert.Equal(Enumerable.Range(0, steps), performed.Select(s => s.Step).Distinct().Order());
        // None repeated after its checkpoint was committed: only the step in flight at the kill may run twice.
        var repeated = performed.GroupBy(s => s.Step).Where(g => g.Count() > 1).ToList();
        Assert.True(repeated.Count <= 1, $"steps performed twice: {string.Join(", ", repeated.Select(g => g.Key))}");
        Assert.All(repeated, g => Assert.True(g.Key >= beforeKill.Step, $"step {g.Key} ran twice but was committed before the kill"));
        Assert.All(repeated, g => Assert.Equal(2, g.Count()));
        // The run resumed on a survivor with Prepare(resumeFrom: last checkpoint).
        var resumes = StepLedger.PreparesOf(started.RunId).Where(p => p.ResumedAt is not null).ToList();
        Assert.Contains(resumes, p => p.Silo != beforeKill.Silo && p.ResumedAt >= beforeKill.Step);
        Assert.All(performed.Where(s => s.At > killedAt.AddSeconds(1)), s => Assert.NotEqual(beforeKill.Silo, s.Silo));
    }

    [Fact]
    public async Task KillHostingSilo_WithNoCallerWaiting_KeepAliveReminderResumesRun()
    {
        await fixture.EnsureFullClusterAsync();
        const int steps = 8;
        var id = NewId("reminder");
        var job = fixture.Client.GetGrain<IJobGrain>(id);
        await job.CreateAsync(StepRecorder(id, new { steps, stepDelayMs = 200 }));
        var started = await job.TriggerAsync(new TriggerRequest());
        var run = fixture.Client.GetGrain<IRunGrain>(started.RunId);
        var beforeKill = await WaitUntilAsync(() => run.GetStatusAsync(), s => s.Step >= 2, what: "two committed steps");

        var host = fixture.Cluster.GetActiveSilos().Single(s => s.SiloAddress.ToString() == beforeKill.Silo);
        await fixture.Cluster.KillSiloAsync(host);

        // Nobody calls the run now: only its keep-alive reminder, owned by a surviving silo, can bring it back.
        var performed = await WaitUntilAsync(() => Task.FromResult(StepLedger.StepsOf(started.RunId)),
            s => s.Any(x => x.Step == steps - 1), TimeSpan.FromSeconds(90), "the last step to be performed");
        var resumed = StepLedger.PreparesOf(started.RunId).Single(p => p.ResumedAt is not null);
        var finished = await run.WaitForFinishAsync();

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.NotEqual(beforeKill.Silo, resumed.Silo);
        Assert.True(resumed.ResumedAt >= beforeKill.Step);
        Assert.Equal(Enumerable.Range(0, steps), performed.Select(s => s.Step).Distinct().Order());
        Assert.True(performed.GroupBy(s => s.Step).Count(g => g.Count() > 1) <= 1);
        Assert.All(performed.Where(s => s.Step > resumed.ResumedAt), s => Assert.Equal(resumed.Silo, s.Silo));
    }
}
