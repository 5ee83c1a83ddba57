using Orleans.Runtime;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Cluster;

/// <summary>
/// A finished run that has reported holds no activation, and a triggered-only job lets its activation go once idle;
/// while they work, both are there.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RunReleaseTests(ClusterFixture fixture)
{
    private IJobGrain Job(string id) => fixture.Client.GetGrain<IJobGrain>(id);

    [Fact]
    public async Task FinishedRun_OnceReported_HasNoActivationLeft()
    {
        var id = NewId("release");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 2, stepDelayMs = 1500 }));

        var started = await Job(id).TriggerAsync(new TriggerRequest());
        var run = fixture.Client.GetGrain<IRunGrain>(started.RunId).GetGrainId();
        Assert.Equal(1, await ActivationsOfAsync(run));

        // Waiting through the job, so that nothing but the run's own work touches the run grain.
        await WaitUntilAsync(() => Job(id).GetAsync(), j => j.Completed == 1, what: "the job to record the run");
        await WaitUntilAsync(() => ActivationsOfAsync(run), count => count == 0, TimeSpan.FromSeconds(20), "the finished run's activation to go");
    }

    [Fact]
    public async Task TriggeredOnlyJob_IdleAfterItsRun_IsReleased()
    {
        var id = NewId("idle-job");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 1, stepDelayMs = 1500 }));
        var job = Job(id).GetGrainId();

        await Job(id).TriggerAsync(new TriggerRequest());
        Assert.Equal(1, await ActivationsOfAsync(job));

        // The run reports to the job, which then waits IdleJobRelease (10 s by default) for another trigger.
        await WaitUntilAsync(() => ActivationsOfAsync(job), count => count == 0, TimeSpan.FromSeconds(40), "the idle job's activation to go");
        Assert.Equal(1, (await Job(id).GetAsync()).Completed);
    }

    private async Task<int> ActivationsOfAsync(GrainId grain)
    {
        var statistics = await fixture.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Count(statistic => statistic.GrainId == grain);
    }
}
