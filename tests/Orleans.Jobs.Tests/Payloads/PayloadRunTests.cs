using System.Text.Json;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.Tests.TestJobs;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Payloads;

/// <summary>
/// Payload runs on the three-silo cluster: items fanned out across silos under the concurrency limit (measured from
/// inside the items), per-item retries on the backoff schedule while other items go on, nested items and the item
/// limit, a silo killed mid-run, and pause, resume and terminate mid-payload.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PayloadRunTests(ClusterFixture fixture)
{
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TwoHundredItems_RunAtMostFiveAtATime_SpreadOverTheSilos()
    {
        await fixture.EnsureFullClusterAsync();
        var items = Enumerable.Range(0, 200).Select(_ => Probe(new PayloadProbeParameters { DelayMs = 40 })).ToList();
        var (run, finished) = await RunPayloadAsync(new PayloadDefinition { Items = items, MaxConcurrency = 5 });

        var probe = PayloadProbeJob.For(run);
        var successes = probe.Executions.Where(e => e.Succeeded).ToList();
        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal((200L, 0L, 0L), (finished.Progress!.Completed, finished.Progress.Pending, finished.Progress.Failed));
        Assert.Equal(Enumerable.Range(0, 200), successes.Select(e => e.Index).Order());
        Assert.InRange(probe.MaximumInFlight, 2, 5);
        Assert.True(successes.Select(e => e.Silo).Distinct().Count() >= 2, $"items ran on {string.Join(", ", successes.Select(e => e.Silo).Distinct())} only");

        var result = Result(run);
        Assert.Equal(200, result.GetProperty("completed").GetInt32());
        Assert.Equal(200, result.GetProperty("items").GetArrayLength());
        Assert.All(result.GetProperty("items").EnumerateArray(), i => Assert.Equal("completed", i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task FailingItems_AreRetriedOnTheBackoffSchedule_WhileTheOthersGoOn()
    {
        await fixture.EnsureFullClusterAsync();
        var backoff = new RetryPolicy { MaximumAttempts = 4, InitialInterval = TimeSpan.FromMilliseconds(400), BackoffCoefficient = 2, MaximumInterval = TimeSpan.FromMilliseconds(1000) };
        List<PayloadItem> items =
        [
            Probe(new PayloadProbeParameters { FailAttempts = 3 }, backoff),                          // 0: succeeds on attempt 4
            Probe(new PayloadProbeParameters { FailAttempts = 9 }),                                   // 1: out of its 3 attempts
            Probe(new PayloadProbeParameters { NonRetryable = true }),                                // 2: fails at once
            .. Enumerable.Range(0, 8).Select(_ => Probe(new PayloadProbeParameters { DelayMs = 300 })), // 3–10
        ];
        var (run, finished) = await RunPayloadAsync(new PayloadDefinition { Items = items, MaxConcurrency = 2 });

        var executions = PayloadProbeJob.For(run).Executions;
        var retried = executions.Where(e => e.Index == 0).OrderBy(e => e.Attempt).ToList();
        Assert.Equal([1, 2, 3, 4], retried.Select(e => e.Attempt));
        Assert.Equal([false, false, false, true], retried.Select(e => e.Succeeded));

        // Waits of min(400 ms × 2^i, 1000 ms): 400, 800, 1000 (capped) — each at least that, and not much more.
        TimeSpan[] waits = [TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1000)];
        for (var i = 0; i < waits.Length; i++)
        {
            var gap = retried[i + 1].Started - retried[i].Ended;
            Assert.InRange(gap, waits[i] - TimeSpan.FromMilliseconds(50), waits[i] + TimeSpan.FromSeconds(1.5));
        }

        // Not in order: other items ran while item 0 waited out its backoff.
        Assert.Contains(executions, e => e.Index >= 3 && e.Started > retried[0].Ended && e.Ended < retried[^1].Started);
        Assert.Equal(3, executions.Count(e => e.Index == 1));
        Assert.Single(executions, e => e.Index == 2);

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal((9L, 2L), (finished.Progress!.Completed, finished.Progress.Failed));
        var outcome = Result(run).GetProperty("items");
        Assert.Equal("failed", outcome[1].GetProperty("status").GetString());
        Assert.Equal(3, outcome[1].GetProperty("attempts").GetInt32());
        Assert.Contains("refuses for good", outcome[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, outcome[2].GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task ItemsAddItemsToTheirRun_AllComplete_AndTheItemLimitStopsARunaway()
    {
        await fixture.EnsureFullClusterAsync();
        var tree = Probe(new PayloadProbeParameters { Children = 2, MaxDepth = 3, DelayMs = 20 });
        var (run, finished) = await RunPayloadAsync(new PayloadDefinition { Items = [tree], MaxConcurrency = 4 });

        // 1 + 2 + 4 + 8 items, each run once.
        Assert.Equal((15L, 0L), (finished.Progress!.Completed, finished.Progress.Failed));
        Assert.Equal(Enumerable.Range(0, 15), PayloadProbeJob.For(run).Executions.Where(e => e.Succeeded).Select(e => e.Index).Order());
        // Seven items (the root and the two levels below it) each added two, and an item was added by an earlier one.
        var addedBy = Result(run).GetProperty("items").EnumerateArray().Skip(1).Select(i => (Index: i.GetProperty("index").GetInt32(), By: i.GetProperty("addedBy").GetInt32())).ToList();
        Assert.All(addedBy, a => Assert.True(a.By < a.Index));
        Assert.Equal(Enumerable.Repeat(2, 7), addedBy.GroupBy(a => a.By).Select(g => g.Count()));

        var (limitedRun, limited) = await RunPayloadAsync(new PayloadDefinition { Items = [tree], MaxConcurrency = 4, MaxItems = 6 });
        var limitedItems = Result(limitedRun).GetProperty("items");
        Assert.Equal(RunStatus.Completed, limited.Status);
        Assert.True(limited.Progress!.Total <= 6, $"the run holds {limited.Progress.Total} items");
        Assert.Contains(limitedItems.EnumerateArray(), i => i.GetProperty("error").GetString()?.Contains("at most 6 items", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task KillTheSiloRunningAPayloadRun_ItFinishesOnTheOthers_WithoutRerunningCompletedItems()
    {
        await fixture.EnsureFullClusterAsync();
        var items = Enumerable.Range(0, 60).Select(_ => Probe(new PayloadProbeParameters { DelayMs = 150 })).ToList();
        var (id, runId) = await StartPayloadAsync(new PayloadDefinition { Items = items, MaxConcurrency = 4 });
        var run = fixture.Client.GetGrain<IRunGrain>(runId);
        var beforeKill = await WaitUntilAsync(run.GetStatusAsync, s => s.Progress?.Completed >= 16, _patience, "16 completed items");

        var host = fixture.Cluster.GetActiveSilos().Single(s => s.SiloAddress.ToString() == beforeKill.Silo);
        await fixture.Cluster.KillSiloAsync(host);
        var finished = await run.WaitForFinishAsync(_patience);

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal(60L, finished.Progress!.Completed);
        Assert.NotEqual(beforeKill.Silo, finished.Silo);
        var successes = PayloadProbeJob.For(runId).Executions.Where(e => e.Succeeded).ToList();
        Assert.Equal(Enumerable.Range(0, 60), successes.Select(e => e.Index).Distinct().Order());

        // The checkpoint read before the kill committed at least 16 completions; no item it held completed ran again.
        // Only items in flight at the kill (at most the concurrency) may have run twice.
        var twice = successes.GroupBy(e => e.Index).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count <= 4, $"items run twice: {string.Join(", ", twice)}");
        var committedEarly = successes.Where(e => e.Ended < beforeKill.LastCheckpointAt!.Value - PayloadJobWait).Select(e => e.Index).ToHashSet();
        Assert.DoesNotContain(twice, committedEarly.Contains);
        await fixture.JobsClient.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task PauseStopsNewItems_ResumeFinishes_TerminateStops()
    {
        await fixture.EnsureFullClusterAsync();
        var items = Enumerable.Range(0, 30).Select(_ => Probe(new PayloadProbeParameters { DelayMs = 200 })).ToList();
        var (_, runId) = await StartPayloadAsync(new PayloadDefinition { Items = items, MaxConcurrency = 2 });
        var run = fixture.Client.GetGrain<IRunGrain>(runId);
        var probe = PayloadProbeJob.For(runId);
        await WaitUntilAsync(run.GetStatusAsync, s => s.Progress?.Completed >= 4, _patience, "four completed items");

        await run.PauseAsync();
        var paused = await WaitUntilAsync(run.GetStatusAsync, s => s.Status == RunStatus.Paused, _patience, "the run to pause");
        await Task.Delay(300); // items in flight at the pause finish (and are not retried)
        var startedWhilePaused = probe.Started;
        await Task.Delay(1200);
        Assert.Equal(startedWhilePaused, probe.Started);
        Assert.True(paused.Progress!.Completed < 30);

        await run.ResumeAsync();
        var finished = await run.WaitForFinishAsync(_patience);
        Assert.Equal((RunStatus.Completed, 30L), (finished.Status, finished.Progress!.Completed));

        var (_, secondId) = await StartPayloadAsync(new PayloadDefinition { Items = items, MaxConcurrency = 2 });
        var second = fixture.Client.GetGrain<IRunGrain>(secondId);
        await WaitUntilAsync(second.GetStatusAsync, s => s.Progress?.Completed >= 2, _patience, "two completed items");
        var terminated = await second.TerminateAsync("enough");
        await Task.Delay(300);
        var startedAfterTerminate = PayloadProbeJob.For(secondId).Started;
        await Task.Delay(1000);
        Assert.Equal(RunStatus.Terminated, terminated.Status);
        Assert.Equal(startedAfterTerminate, PayloadProbeJob.For(secondId).Started);
        Assert.True(startedAfterTerminate < 30);
    }

    private static readonly TimeSpan PayloadJobWait = TimeSpan.FromSeconds(1.5);

    private static PayloadItem Probe(PayloadProbeParameters parameters, RetryPolicy? retry = null) =>
        new() { Type = "payload_probe", Parameters = JobParameters.From(parameters), Retry = retry };

    private async Task<(string JobId, string RunId)> StartPayloadAsync(PayloadDefinition payload)
    {
        var id = NewId("payload");
        await fixture.JobsClient.Jobs.CreateAsync(new JobDefinition { Id = id, Type = PayloadTypes.Payload, Payload = payload });
        var run = await fixture.JobsClient.Jobs.TriggerAsync(id);
        return (id, run.RunId);
    }

    private async Task<(string RunId, RunSnapshot Finished)> RunPayloadAsync(PayloadDefinition payload)
    {
        var (_, runId) = await StartPayloadAsync(payload);
        return (runId, await fixture.Client.GetGrain<IRunGrain>(runId).WaitForFinishAsync(_patience));
    }

    private JsonElement Result(string runId) => fixture.Store.Results.Results[runId].Result!.Value;
}
