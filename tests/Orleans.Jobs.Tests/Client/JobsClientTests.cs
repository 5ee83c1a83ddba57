using Microsoft.Extensions.DependencyInjection;
using Orleans.Jobs.Client;
using Orleans.Jobs.Tests.Cluster;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Client;

/// <summary>The client library against a 3-silo cluster: every operation it offers, and its errors.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JobsClientTests(ClusterFixture fixture)
{
    private readonly JobsClient _client = new ServiceCollection()
        .AddSingleton<IGrainFactory>(fixture.Client)
        .AddOrleansJobsClient()
        .BuildServiceProvider()
        .GetRequiredService<JobsClient>();

    private static JobDefinition Definition(string id, int steps = 2, int stepDelayMs = 0, string env = "test") =>
        StepRecorder(id, new { steps, stepDelayMs }) with { Labels = new Dictionary<string, string> { ["env"] = env, ["product"] = "client-tests" } };

    [Fact]
    public async Task Create_Twice_IsAccepted_AndAStaleUpdateIsRefused()
    {
        var id = NewId("client-create");
        var created = await _client.Jobs.CreateAsync(Definition(id));
        var again = await _client.Jobs.CreateAsync(Definition(id));
        var updated = await _client.Jobs.UpdateAsync(Definition(id, steps: 3), created.Version);

        await Assert.ThrowsAsync<JobConflictException>(() => _client.Jobs.UpdateAsync(Definition(id, steps: 4), created.Version));
        Assert.Equal(created.Version, again.Version);
        Assert.Equal(created.Version + 1, updated.Version);
        Assert.Equal(3, (await _client.Jobs.GetAsync(id)).Definition.Parameters.Get("steps", 0));
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task InvalidOrUnknownIds_AreTypedErrorsNamingTheProblem()
    {
        var invalid = await Assert.ThrowsAsync<JobValidationException>(() => _client.Jobs.GetAsync("no spaces"));
        var badRun = await Assert.ThrowsAsync<JobValidationException>(() => _client.Runs.GetAsync("not-a-run-id"));
        var unknown = await Assert.ThrowsAsync<JobNotFoundException>(() => _client.Jobs.GetAsync(NewId("missing")));

        Assert.Equal("id", invalid.Field);
        Assert.Equal("runId", badRun.Field);
        Assert.Equal("job", unknown.Kind);
    }

    [Fact]
    public async Task TriggerWaitAndHistory_WithLogsAndActivity()
    {
        var id = NewId("client-run");
        await _client.Jobs.CreateAsync(Definition(id, steps: 3));

        var run = await _client.Jobs.TriggerAsync(id, new TriggerRequest { IdempotencyKey = "first" });
        var finished = await _client.Runs.WaitForCompletionAsync(run.RunId);
        var followed = new List<RunLogLine>();
        await foreach (var line in _client.Runs.FollowLogsAsync(run.RunId))
        {
            followed.Add(line);
        }

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal(run.RunId, (await _client.Jobs.TriggerAsync(id, new TriggerRequest { IdempotencyKey = "first" })).RunId);
        var history = await WaitUntilAsync(() => _client.History.GetRunsAsync(id), h => h.Count == 1, what: "the run in the job's history");
        Assert.Equal((run.RunId, RunStatus.Completed), (history[0].RunId, history[0].Status));
        var logs = await _client.Runs.GetLogsAsync(run.RunId);
        Assert.NotEmpty(logs);
        Assert.Equal(logs.Select(l => l.Message), followed.Select(l => l.Message));
        var activity = await WaitUntilAsync(() => _client.History.GetActivityAsync(id), a => a.Count >= 1, what: "the engine's note on the finished run");
        Assert.Contains(activity, a => a is { FromEngine: true, Title: "Run completed" } && a.RunId == run.RunId);
        var runs = await WaitUntilAsync(() => _client.Runs.ListAsync(new RunCatalogQuery { JobId = id }), p => p.Items.Any(r => r.Status == RunStatus.Completed), what: "the run in the catalog");
        Assert.Equal(run.RunId, Assert.Single(runs.Items).RunId);
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task PausedJob_RefusesTriggers_UntilResumed()
    {
        var id = NewId("client-pause");
        await _client.Jobs.CreateAsync(Definition(id));

        var paused = await _client.Jobs.PauseAsync(id);
        var refused = await Assert.ThrowsAsync<JobConflictException>(() => _client.Jobs.TriggerAsync(id));
        var resumed = await _client.Jobs.ResumeAsync(id);
        var run = await _client.Jobs.TriggerAsync(id);

        Assert.Equal(JobLifecycle.Paused, paused.Status);
        Assert.Contains("paused", refused.Message, StringComparison.Ordinal);
        Assert.NotEqual(JobLifecycle.Paused, resumed.Status);
        Assert.Equal(RunStatus.Completed, (await _client.Runs.WaitForCompletionAsync(run.RunId)).Status);
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task Terminate_ARunningRun_KeepsTheReason()
    {
        var id = NewId("client-terminate");
        await _client.Jobs.CreateAsync(Definition(id, steps: 50, stepDelayMs: 100));
        var run = await _client.Jobs.TriggerAsync(id);
        await WaitUntilAsync(() => _client.Runs.GetAsync(run.RunId), s => s.Step >= 1, what: "a first step");

        var terminated = await _client.Runs.TerminateAsync(run.RunId, "operator stopped it");

        Assert.Equal(RunStatus.Terminated, terminated.Status);
        Assert.Equal("operator stopped it", terminated.TerminationReason);
        await Assert.ThrowsAsync<ArgumentException>(() => _client.Runs.TerminateAsync(run.RunId, " "));
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task List_FiltersByLabelsAndPagesThroughEveryMatch()
    {
        var env = $"list{Guid.NewGuid():N}"[..12];
        var ids = Enumerable.Range(0, 5).Select(i => NewId($"client-list-{i}")).ToList();
        foreach (var id in ids)
        {
            await _client.Jobs.CreateAsync(Definition(id, env: env));
        }

        var query = new JobCatalogQuery { Labels = new Dictionary<string, string> { ["env"] = env }, Limit = 2 };
        var listed = await WaitUntilAsync(
            async () => await ToListAsync(_client.Jobs.ListAllAsync(query)),
            jobs => jobs.Count == 5,
            what: "the five jobs in the catalog");

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(j => j.JobId));
        Assert.Equal(2, (await _client.Jobs.ListAsync(query)).Items.Count);
        var atOffset = await _client.Jobs.ListAsync(query with { Offset = 3 });
        Assert.Equal(listed.Skip(3).Select(j => j.JobId), atOffset.Items.Select(j => j.JobId));
        var fromOne = await _client.Jobs.ListAsync(query with { Offset = 1 });
        Assert.NotNull(fromOne.Continuation);
        var afterOffset = await _client.Jobs.ListAsync(query with { Continuation = fromOne.Continuation });
        Assert.Equal(listed.Skip(1).Take(2).Select(j => j.JobId), fromOne.Items.Select(j => j.JobId));
        Assert.Equal(listed.Skip(3).Take(2).Select(j => j.JobId), afterOffset.Items.Select(j => j.JobId));
        Assert.Empty((await _client.Jobs.ListAsync(query with { Offset = 5 })).Items);
        Assert.Equal(listed.Skip(1).Select(j => j.JobId), await ToListAsync(_client.Jobs.ListAllAsync(query with { Offset = 1 }).Select(j => j.JobId)));
        var both = await Assert.ThrowsAsync<JobValidationException>(() => _client.Jobs.ListAsync(query with { Offset = 1, Continuation = "x" }));
        Assert.Equal("offset", both.Field);
        foreach (var id in ids)
        {
            await _client.Jobs.DeleteAsync(id);
        }

        await Assert.ThrowsAsync<JobNotFoundException>(() => _client.Jobs.GetAsync(ids[0]));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task Cancel_ARunningScheduledJob_TerminatesItsRunWithTheReason_AndRescheduleRevivesIt()
    {
        var id = NewId("client-cancel");
        await _client.Jobs.CreateAsync(Definition(id, steps: 50, stepDelayMs: 100) with { Schedules = [Schedule.Interval(TimeSpan.FromSeconds(1))] });
        var running = await WaitUntilAsync(() => _client.Jobs.GetAsync(id), j => j.ActiveRuns.Count == 1, what: "a scheduled run");

        var cancelled = await _client.Jobs.CancelAsync(id, "supplier feed retired");
        var again = await _client.Jobs.CancelAsync(id, "a second reason changes nothing");
        var history = await WaitUntilAsync(() => _client.History.GetRunsAsync(id), h => h.Count == 1, what: "the terminated run in history");
        var refused = await Assert.ThrowsAsync<JobConflictException>(() => _client.Jobs.TriggerAsync(id));
        await Assert.ThrowsAsync<JobValidationException>(() => _client.Jobs.CancelAsync(id, " "));

        Assert.Equal((JobLifecycle.Cancelled, "supplier feed retired"), (cancelled.Status, cancelled.CancellationReason));
        Assert.Null(cancelled.NextFireAt);
        Assert.Equal(cancelled.CancelledAt, again.CancelledAt);
        Assert.Equal((running.ActiveRuns[0], RunStatus.Terminated), (history[0].RunId, history[0].Status));
        Assert.Equal("job cancelled: supplier feed retired", history[0].TerminationReason);
        Assert.Contains("supplier feed retired", refused.Message, StringComparison.Ordinal);
        Assert.Contains(await _client.History.GetActivityAsync(id), a => a is { Title: "Job cancelled", Summary: "supplier feed retired" });

        var rescheduled = await _client.Jobs.RescheduleAsync(id, new RescheduleRequest { Schedules = [Schedule.Cron("0 6 * * *", "Europe/Amsterdam")] }, cancelled.Version);

        Assert.Equal(JobLifecycle.Scheduled, rescheduled.Status);
        Assert.Null(rescheduled.CancelledAt);
        Assert.Equal(cancelled.Version + 1, rescheduled.Version);
        Assert.Equal(ScheduleTimeline.NextAfter(rescheduled.Definition, DateTimeOffset.UtcNow), rescheduled.NextFireAt);
        await Assert.ThrowsAsync<JobConflictException>(() => _client.Jobs.RescheduleAsync(id, new RescheduleRequest(), cancelled.Version));
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task Retry_AFailedJobAfterADelay_GivesItsRunOneMoreAttemptUnderTheSameId()
    {
        var id = NewId("client-retry");
        await _client.Jobs.CreateAsync(StepRecorder(id, new { steps = 3, failAtStep = 1, failAttempts = 1 }, new RetryPolicy { MaximumAttempts = 1 }));
        var run = await _client.Jobs.TriggerAsync(id);
        Assert.Equal(RunStatus.Failed, (await _client.Runs.WaitForCompletionAsync(run.RunId)).Status);
        await WaitUntilAsync(() => _client.Jobs.GetAsync(id), j => j.Failed == 1 && j.ActiveRuns.Count == 0, what: "the failure in the job's history");

        await Assert.ThrowsAsync<JobValidationException>(() => _client.Jobs.RetryAsync(id, TimeSpan.FromDays(2)));
        var retrying = await _client.Jobs.RetryAsync(id, TimeSpan.FromMilliseconds(300));
        var finished = await _client.Runs.WaitForCompletionAsync(run.RunId);

        Assert.Equal(RunStatus.Retrying, retrying.Status);
        Assert.True(retrying.RetryAt > DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.Equal((RunStatus.Completed, 2, run.RunId), (finished.Status, finished.Attempt, finished.RunId));
        var job = await WaitUntilAsync(() => _client.Jobs.GetAsync(id), j => j.Completed == 1, what: "the retried run in the job's history");
        Assert.Equal((0L, RunStatus.Completed), (job.Failed, job.LastRun!.Status));
        Assert.Single(await _client.History.GetRunsAsync(id));
        var notAgain = await Assert.ThrowsAsync<JobConflictException>(() => _client.Jobs.RetryAsync(id));
        Assert.Contains("no failed run", notAgain.Message, StringComparison.Ordinal);
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task Stats_PerJobAndPerLabel_CountRunsAndTheSuccessRate()
    {
        var env = $"stats{Guid.NewGuid():N}"[..12];
        var (good, bad) = (NewId("client-stats-good"), NewId("client-stats-bad"));
        await _client.Jobs.CreateAsync(Definition(good, env: env));
        await _client.Jobs.CreateAsync(StepRecorder(bad, new { steps = 2, failAtStep = 0, failAttempts = 9 }, new RetryPolicy { MaximumAttempts = 1 }) with
        {
            Labels = new Dictionary<string, string> { ["env"] = env },
        });
        foreach (var key in new[] { "a", "b", "c" })
        {
            await _client.Runs.WaitForCompletionAsync((await _client.Jobs.TriggerAsync(good, new TriggerRequest { IdempotencyKey = key })).RunId);
        }

        await _client.Runs.WaitForCompletionAsync((await _client.Jobs.TriggerAsync(bad)).RunId);
        var filter = new JobCatalogQuery { Labels = new Dictionary<string, string> { ["env"] = env } };
        var byLabel = await WaitUntilAsync(() => _client.History.GetStatsAsync(filter), s => s.Finished == 4, what: "four finished runs under the label");
        var goodStats = await _client.History.GetStatsAsync(good);

        Assert.Equal((2L, 3L, 1L, 0.75), (byLabel.Jobs, byLabel.Completed, byLabel.Failed, byLabel.SuccessRate!.Value));
        Assert.Equal((3L, 0L, 1.0), (goodStats.Completed, goodStats.Failed, goodStats.SuccessRate!.Value));
        await _client.Jobs.DeleteAsync(good);
        await _client.Jobs.DeleteAsync(bad);
    }

    [Fact]
    public async Task Bulk_ByLabel_WithDryRunFirst_PausesResumesAndDeletes()
    {
        var env = $"bulk{Guid.NewGuid():N}"[..12];
        var ids = Enumerable.Range(0, 3).Select(i => NewId($"client-bulk-{i}")).ToList();
        foreach (var id in ids)
        {
            await _client.Jobs.CreateAsync(Definition(id, env: env));
        }

        var filter = new JobCatalogQuery { Labels = new Dictionary<string, string> { ["env"] = env } };
        var dryPause = await WaitUntilAsync(() => _client.Jobs.BulkAsync(BulkAction.Pause, filter, dryRun: true), r => r.Count == 3, what: "the three jobs in the catalog");
        foreach (var id in ids)
        {
            Assert.NotEqual(JobLifecycle.Paused, (await _client.Jobs.GetAsync(id)).Status);
        }

        var paused = await _client.Jobs.BulkAsync(BulkAction.Pause, filter);
        var dryResume = await WaitUntilAsync(() => _client.Jobs.BulkAsync(BulkAction.Resume, filter, dryRun: true), r => r.Count == 3, what: "the catalog to see the pauses");
        await Assert.ThrowsAsync<JobValidationException>(() => _client.Jobs.BulkAsync(BulkAction.Cancel, filter));
        await Assert.ThrowsAsync<JobValidationException>(() => _client.Jobs.BulkAsync(BulkAction.Delete, new JobCatalogQuery()));
        var deleted = await _client.Jobs.BulkAsync(BulkAction.Delete, filter);

        Assert.True(dryPause.DryRun);
        Assert.Equal(ids.Order(StringComparer.Ordinal), paused.Affected);
        Assert.Empty(paused.Failures);
        Assert.Equal((true, 3L), (dryResume.DryRun, dryResume.Matched));
        Assert.Equal(3, deleted.Count);
        foreach (var id in ids)
        {
            await Assert.ThrowsAsync<JobNotFoundException>(() => _client.Jobs.GetAsync(id));
        }
    }
}
