using Orleans.Jobs.Tests.TestJobs;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class RunControlTests(ClusterFixture fixture)
{
    private IJobGrain Job(string id) => fixture.Client.GetGrain<IJobGrain>(id);

    private IRunGrain Run(string runId) => fixture.Client.GetGrain<IRunGrain>(runId);

    [Fact]
    public async Task Pause_MidRun_StopsBetweenStepsAndResumeFinishes()
    {
        var id = NewId("pause");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 10, stepDelayMs = 150 }));
        var started = await Job(id).TriggerAsync(new TriggerRequest());
        await WaitUntilAsync(() => Run(started.RunId).GetStatusAsync(), s => s.Step >= 2, what: "two steps");

        await Run(started.RunId).PauseAsync();
        var paused = await WaitUntilAsync(() => Run(started.RunId).GetStatusAsync(), s => s.Status == RunStatus.Paused, what: "the pause");
        var performedWhenPaused = StepLedger.StepsOf(started.RunId).Count;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var stillPaused = await Run(started.RunId).GetStatusAsync();

        Assert.Equal(RunStatus.Paused, stillPaused.Status);
        Assert.Equal(paused.Step, stillPaused.Step);
        Assert.Equal(performedWhenPaused, StepLedger.StepsOf(started.RunId).Count);
        Assert.Equal(paused.Step, performedWhenPaused);

        await Run(started.RunId).ResumeAsync();
        var finished = await Run(started.RunId).WaitForFinishAsync();
        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal(Enumerable.Range(0, 10), StepLedger.StepsOf(started.RunId).Select(s => s.Step));
    }

    [Fact]
    public async Task GetStatus_DuringLongStep_AnswersPromptly()
    {
        var id = NewId("prompt");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 2, stepDelayMs = 3000 }));
        var started = await Job(id).TriggerAsync(new TriggerRequest());
        await WaitUntilAsync(() => Task.FromResult(StepLedger.StepsOf(started.RunId).Count), c => c >= 1, what: "the long step to start");

        var status = await Run(started.RunId).GetStatusAsync();
        var paused = await Run(started.RunId).PauseAsync();

        // Both answers were built while step 0 was still in flight: nothing committed yet, pause only requested.
        Assert.Equal(RunStatus.Running, status.Status);
        Assert.Equal(0, status.Step);
        Assert.Equal(0, paused.Step);
        Assert.True(paused.PauseRequested);
        var pausedAfterStep = await WaitUntilAsync(() => Run(started.RunId).GetStatusAsync(), s => s.Status == RunStatus.Paused, what: "the pause after the step");
        Assert.Equal(1, pausedAfterStep.Step);
        await Run(started.RunId).TerminateAsync("cleanup");
    }

    [Fact]
    public async Task Terminate_MidRun_StopsAndRecordsReason()
    {
        var id = NewId("terminate");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 100, stepDelayMs = 150 }));
        var started = await Job(id).TriggerAsync(new TriggerRequest());
        await WaitUntilAsync(() => Run(started.RunId).GetStatusAsync(), s => s.Step >= 2, what: "two steps");

        var terminated = await Run(started.RunId).TerminateAsync("operator stop");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = await Run(started.RunId).GetStatusAsync();

        Assert.Equal(RunStatus.Terminated, terminated.Status);
        Assert.Equal("operator stop", terminated.TerminationReason);
        Assert.Equal(terminated.Step, after.Step);
        Assert.True(StepLedger.StepsOf(started.RunId).Count <= terminated.Step + 1, "no step starts after a terminate (the one in flight is cancelled)");
        await Assert.ThrowsAsync<JobConflictException>(() => Run(started.RunId).PauseAsync());
        var job = await WaitUntilAsync(() => Job(id).GetAsync(), j => j.Terminated == 1, what: "the job to record the termination");
        Assert.Empty(job.ActiveRuns);
    }

    [Fact]
    public async Task GetStatus_UnknownRun_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<JobNotFoundException>(() => Run("nope/1/manual-x").GetStatusAsync());
        Assert.Equal("run", error.Kind);
        Assert.Contains("nope/1/manual-x", error.Message);
    }
}
