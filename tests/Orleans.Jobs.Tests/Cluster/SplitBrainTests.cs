using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Jobs.Storage;
using Orleans.Jobs.Tests.TestJobs;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Cluster;

/// <summary>
/// Split-brain guard: two activations of one run (possible for a moment while membership disagrees) can never both
/// commit a checkpoint. Another activation's commit is simulated by a write of the run's stored state with a new ETag;
/// the live activation's next commit must be refused, its step discarded, and the run resumed from the stored
/// checkpoint by a fresh activation.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SplitBrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AnotherActivationsCommit_MakesThisOneStepDown_WithoutCommittingItsStep()
    {
        await fixture.EnsureFullClusterAsync();
        const int steps = 8;
        var id = NewId("split-brain");
        var job = fixture.Client.GetGrain<IJobGrain>(id);
        await job.CreateAsync(StepRecorder(id, new { steps, stepDelayMs = 300 }));
        var started = await job.TriggerAsync(new TriggerRequest());
        var run = fixture.Client.GetGrain<IRunGrain>(started.RunId);
        await WaitUntilAsync(run.GetStatusAsync, s => s.Step >= 2, what: "two committed steps");

        var committedByOther = CommitAsAnotherActivation(started.RunId);
        var finished = await run.WaitForFinishAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((RunStatus.Completed, (long)steps), (finished.Status, finished.Step));
        // A fresh activation resumed from exactly what the other activation committed: the live one's step after it never landed.
        var resumed = Assert.Single(StepLedger.PreparesOf(started.RunId), p => p.ResumedAt is not null);
        Assert.Equal(committedByOther, resumed.ResumedAt);
        // Only the step in flight when the other committed was performed twice: by the activation that stepped down, and again.
        var performed = StepLedger.StepsOf(started.RunId);
        Assert.Equal(Enumerable.Range(0, steps), performed.Select(s => s.Step).Distinct().Order());
        var twice = Assert.Single(performed.GroupBy(s => s.Step), g => g.Count() > 1);
        Assert.Equal((committedByOther, 2), (twice.Key, twice.Count()));
    }

    [Fact]
    public async Task AnotherActivationCommitsTheNextStep_WhileThisOneWaitsBetweenSteps_ThisOnePerformsNoCommittedStep()
    {
        await fixture.EnsureFullClusterAsync();
        const int steps = 6;
        var id = NewId("split-between");
        var job = fixture.Client.GetGrain<IJobGrain>(id);
        await job.CreateAsync(StepRecorder(id, new { steps, sleepAfterStep = 2, sleepMs = 3000 }));
        var started = await job.TriggerAsync(new TriggerRequest());
        var run = fixture.Client.GetGrain<IRunGrain>(started.RunId);
        await WaitUntilAsync(run.GetStatusAsync, s => s is { Status: RunStatus.Sleeping, Step: 3 }, what: "three committed steps and a sleep");

        // The other activation performs step 3 and commits it; this one wakes to a checkpoint it did not write.
        CommitNextStepAsAnotherActivation(started.RunId);
        var finished = await run.WaitForFinishAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((RunStatus.Completed, (long)steps), (finished.Status, finished.Step));
        var performed = StepLedger.StepsOf(started.RunId).Select(s => s.Step).ToList();
        Assert.Equal([0, 1, 2, 4, 5], performed);
        Assert.Equal(4, Assert.Single(StepLedger.PreparesOf(started.RunId), p => p.ResumedAt is not null).ResumedAt);
    }

    /// <summary>Stores step 3 as performed and committed by a second activation, due at once, under a new ETag.</summary>
    private void CommitNextStepAsAnotherActivation(string runId)
    {
        var store = fixture.Store;
        lock (store.GrainStates)
        {
            var key = store.GrainStates.Keys.Single(k => k.StartsWith("run/", StringComparison.Ordinal) && k.EndsWith(runId, StringComparison.Ordinal));
            var state = JsonNode.Parse(store.GrainStates[key].Data.ToString())!.AsObject();
            Assert.Equal(3, state["step"]!.GetValue<int>());
            state["step"] = 4;
            state["checkpoint"]!["state"]!["next"] = 4;
            state["wakeAt"] = DateTimeOffset.UtcNow.AddSeconds(-1);
            store.GrainStates[key] = new InMemoryJobsStore.StoredState(BinaryData.FromString(state.ToJsonString()), store.NextETag());
        }
    }

    /// <summary>Writes the run's stored state again under a new ETag, as a second activation's commit would; returns its step.</summary>
    private int CommitAsAnotherActivation(string runId)
    {
        var store = fixture.Store;
        lock (store.GrainStates)
        {
            var key = store.GrainStates.Keys.Single(k => k.StartsWith("run/", StringComparison.Ordinal) && k.EndsWith(runId, StringComparison.Ordinal));
            var current = store.GrainStates[key];
            store.GrainStates[key] = new InMemoryJobsStore.StoredState(current.Data, store.NextETag());
            return JsonDocument.Parse(current.Data.ToString()).RootElement.GetProperty("step").GetInt32();
        }
    }
}
