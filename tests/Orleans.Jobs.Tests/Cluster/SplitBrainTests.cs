using System.Text.Json;
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
