using Orleans.Jobs.Runs;
using Orleans.Jobs.Tests.TestJobs;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class RunExecutionTests(ClusterFixture fixture)
{
    private IJobGrain Job(string id) => fixture.Client.GetGrain<IJobGrain>(id);

    private IRunGrain Run(string runId) => fixture.Client.GetGrain<IRunGrain>(runId);

    [Fact]
    public async Task Trigger_MultiStepRun_CompletesEachStepOnceAndSinksResult()
    {
        var id = NewId("multi");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 5 }));

        var started = await Job(id).TriggerAsync(new TriggerRequest());
        var finished = await Run(started.RunId).WaitForFinishAsync();

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal(5, finished.Step);
        Assert.Equal(1, finished.Attempt);
        Assert.Equal([0, 1, 2, 3, 4], StepLedger.StepsOf(started.RunId).Select(s => s.Step));
        Assert.Single(StepLedger.PreparesOf(started.RunId));
        Assert.Equal($"memory://{started.RunId}", finished.ResultReference);
        Assert.Equal(5, fixture.Store.Results.Results[started.RunId].Result!.Value.GetProperty("steps").GetInt32());

        var job = await WaitUntilAsync(() => Job(id).GetAsync(), j => j.Completed == 1, what: "the job to record the run");
        Assert.Empty(job.ActiveRuns);
        Assert.Equal(JobLifecycle.Scheduled, job.Status);
        var history = await Job(id).GetHistoryAsync(10);
        Assert.Equal(started.RunId, Assert.Single(history).RunId);
        Assert.Equal(5, history[0].Steps);
    }

    [Fact]
    public async Task Trigger_SameIdempotencyKeyTwice_StartsOneRun()
    {
        var id = NewId("dedupe");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 2, stepDelayMs = 100 }));

        var triggers = await Task.WhenAll(
            Job(id).TriggerAsync(new TriggerRequest { IdempotencyKey = "nightly-1" }),
            Job(id).TriggerAsync(new TriggerRequest { IdempotencyKey = "nightly-1" }));
        await Run(triggers[0].RunId).WaitForFinishAsync();
        var again = await Job(id).TriggerAsync(new TriggerRequest { IdempotencyKey = "nightly-1" });

        Assert.Equal($"{id}/1/manual-nightly-1", triggers[0].RunId);
        Assert.All(triggers, t => Assert.Equal(triggers[0].RunId, t.RunId));
        Assert.Equal(triggers[0].RunId, again.RunId);
        Assert.True(again.IsFinished);
        Assert.Single(StepLedger.PreparesOf(triggers[0].RunId));
        Assert.Equal([0, 1], StepLedger.StepsOf(triggers[0].RunId).Select(s => s.Step));
    }

    [Fact]
    public async Task Perform_ThrowsOnce_RetriesFromLastCheckpointWithSameRunId()
    {
        var id = NewId("retry");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 4, failAtStep = 2 },
            new RetryPolicy { MaximumAttempts = 3, InitialInterval = TimeSpan.FromMilliseconds(200) }));

        var started = await Job(id).TriggerAsync(new TriggerRequest());
        var finished = await Run(started.RunId).WaitForFinishAsync();

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal(2, finished.Attempt);
        Assert.Equal(4, finished.Step);
        Assert.Equal(typeof(InvalidOperationException).FullName, finished.Error!.Type);
        var steps = StepLedger.StepsOf(started.RunId);
        Assert.Equal([(0, 1), (1, 1), (2, 1), (2, 2), (3, 2)], steps.Select(s => (s.Step, s.Attempt)));
        var prepares = StepLedger.PreparesOf(started.RunId);
        Assert.Equal([(null, 1), ((int?)2, 2)], prepares.Select(p => (p.ResumedAt, p.Attempt)));
    }

    [Fact]
    public async Task Perform_FailsOnEveryAttempt_RunFailsAfterMaximumAttempts()
    {
        var id = NewId("fail");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 3, failAtStep = 1, failAttempts = 99 }));

        var started = await Job(id).TriggerAsync(new TriggerRequest());
        var finished = await Run(started.RunId).WaitForFinishAsync();

        Assert.Equal(RunStatus.Failed, finished.Status);
        Assert.Equal(2, finished.Attempt);
        Assert.Equal(1, finished.Step);
        Assert.Contains("step 1 failed on attempt 2", finished.Error!.Message);
        var job = await WaitUntilAsync(() => Job(id).GetAsync(), j => j.Failed == 1, what: "the job to record the failure");
        Assert.Equal(RunStatus.Failed, job.LastRun!.Status);
        Assert.NotNull(job.LastRun.Error);
    }

    [Fact]
    public async Task Perform_ThrowsNonRetryable_FailsWithoutRetry()
    {
        var id = NewId("nonretry");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 3, failAtStep = 0, nonRetryable = true }));

        var started = await Job(id).TriggerAsync(new TriggerRequest());
        var finished = await Run(started.RunId).WaitForFinishAsync();

        Assert.Equal(RunStatus.Failed, finished.Status);
        Assert.Equal(1, finished.Attempt);
        Assert.True(finished.Error!.NonRetryable);
        Assert.Single(StepLedger.StepsOf(started.RunId));
    }

    [Fact]
    public async Task Perform_HangsPastDeadline_IsAbandonedAndRetried()
    {
        var id = NewId("hang");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 3, hangAtStep = 1, hangMs = 4000 },
            new RetryPolicy { MaximumAttempts = 2, InitialInterval = TimeSpan.FromMilliseconds(100) },
            stepDeadline: TimeSpan.FromSeconds(1)));

        var started = await Job(id).TriggerAsync(new TriggerRequest());
        var statusDuringHang = await WaitUntilAsync(() => Run(started.RunId).GetStatusAsync(),
            s => StepLedger.StepsOf(started.RunId).Any(x => x.Step == 1), what: "the hanging step to start");
        var finished = await Run(started.RunId).WaitForFinishAsync();

        Assert.False(statusDuringHang.IsFinished);
        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal(2, finished.Attempt);
        Assert.Equal("StepDeadlineExceeded", finished.Error!.Type);
        Assert.Equal(3, finished.Step);

        // The abandoned step's late result never reaches a checkpoint: the step count stays what the retry made it.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var after = await Run(started.RunId).GetStatusAsync();
        Assert.Equal(3, after.Step);
        Assert.Equal(RunStatus.Completed, after.Status);
    }

    [Fact]
    public async Task Perform_ReturnsSleep_RunSleepsThenContinues()
    {
        var id = NewId("sleep");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 3, sleepAfterStep = 0, sleepMs = 1500 }));

        var started = await Job(id).TriggerAsync(new TriggerRequest());
        var sleeping = await WaitUntilAsync(() => Run(started.RunId).GetStatusAsync(), s => s.Status == RunStatus.Sleeping, what: "the run to sleep");
        var finished = await Run(started.RunId).WaitForFinishAsync();

        Assert.Equal(1, sleeping.Step);
        Assert.NotNull(sleeping.WakeAt);
        Assert.Equal(RunStatus.Completed, finished.Status);
        var steps = StepLedger.StepsOf(started.RunId);
        Assert.True(steps[1].At >= sleeping.WakeAt!.Value.AddMilliseconds(-50), $"step 1 ran at {steps[1].At:O}, before the wake time {sleeping.WakeAt:O}");
    }

    [Fact]
    public async Task StartRun_WithJobTypeUnknownToSilo_FailsWithClearNonRetryableError()
    {
        var id = NewId("unknown");
        var runId = JobIds.RunId(id, 1, JobIds.ManualOccurrence("x"));

        await fixture.SiloGrains.GetGrain<IRunEngineGrain>(runId).StartAsync(new RunStartRequest
        {
            Generation = 1,
            Occurrence = JobIds.ManualOccurrence("x"),
            OccurrenceTime = DateTimeOffset.UtcNow,
            Definition = new JobDefinition { Id = id, Type = "not_installed" },
        });
        var finished = await Run(runId).WaitForFinishAsync();

        Assert.Equal(RunStatus.Failed, finished.Status);
        Assert.Equal("UnknownJobType", finished.Error!.Type);
        Assert.True(finished.Error.NonRetryable);
        Assert.Contains("'not_installed' is not registered", finished.Error.Message);
        Assert.Contains("step_recorder", finished.Error.Message);
    }

    [Fact]
    public async Task FinishedRun_AppearsInCatalogAndLogs()
    {
        var id = NewId("catalog");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 2 }) with { Labels = new Dictionary<string, string> { ["env"] = "test" } });

        var started = await Job(id).TriggerAsync(new TriggerRequest());
        await Run(started.RunId).WaitForFinishAsync();

        var runs = await WaitUntilAsync(
            () => fixture.Store.Catalog.QueryRunsAsync(new RunCatalogQuery { JobId = id }, CancellationToken.None),
            page => page.Items.Count == 1 && page.Items[0].Status == RunStatus.Completed, what: "the run's catalog entry");
        Assert.Equal(2, runs.Items[0].Steps);
        var jobs = await WaitUntilAsync(
            () => fixture.Store.Catalog.QueryJobsAsync(new JobCatalogQuery { Labels = new Dictionary<string, string> { ["env"] = "test" } }, CancellationToken.None),
            page => page.Items.Any(j => j.JobId == id && j.LastRunStatus == RunStatus.Completed), what: "the job's catalog entry");
        Assert.Contains(jobs.Items, j => j.JobId == id);
        var logs = await WaitUntilAsync(
            () => fixture.Store.Logs.ReadAsync(started.RunId, 0, 100, CancellationToken.None),
            lines => lines.Count(l => l.Message.StartsWith("Performing step", StringComparison.Ordinal)) == 2, what: "the run's log lines");
        Assert.Contains(logs, l => l.Message == "Prepare (fresh start).");
    }
}
