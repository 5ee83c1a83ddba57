using Orleans.Jobs.Tests.TestJobs;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Cluster;

/// <summary>
/// The job watches over its active runs: a run that lost its keep-alive reminder (as when its silo stops right after
/// the start, while the reminder service is handing over) and then its silo is brought back by the job's own reminder
/// tick, and finishes from its checkpoint.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RunSupervisionTests(ClusterFixture fixture)
{
    private const string KeepAliveReminder = "run-keep-alive";

    [Fact]
    public async Task ARunWithoutItsKeepAliveReminder_WhoseSiloDies_IsResumedByItsJob()
    {
        await fixture.EnsureFullClusterAsync();
        const int steps = 40;
        var id = NewId("supervised");
        var job = fixture.Client.GetGrain<IJobGrain>(id);
        await job.CreateAsync(StepRecorder(id, new { steps, stepDelayMs = 250 }) with
        {
            Schedules = [Schedule.Interval(TimeSpan.FromSeconds(1))],
            EndAt = DateTimeOffset.UtcNow.AddSeconds(1.5),
        });
        var runId = (await WaitUntilAsync(job.GetAsync, j => j.ActiveRuns.Count == 1 && j.NextFireAt is null, what: "one run and no fire to come")).ActiveRuns.Single();
        var run = fixture.Client.GetGrain<IRunGrain>(runId);
        await WaitUntilAsync(run.GetStatusAsync, s => s.Step >= 2, what: "two committed steps");

        // Take the run's keep-alive reminder away, and wait until every silo's reminder service has dropped it.
        RemoveKeepAlive(runId);
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.False(HasKeepAlive(runId), "the run registered its keep-alive reminder again");
        var beforeKill = await run.GetStatusAsync();
        Assert.False(beforeKill.IsFinished, "the run finished before the kill");

        var host = fixture.Cluster.GetActiveSilos().Single(s => s.SiloAddress.ToString() == beforeKill.Silo);
        await fixture.Cluster.KillSiloAsync(host);

        // Nobody calls the run: only the job's reminder tick can bring it back.
        var performed = await WaitUntilAsync(() => Task.FromResult(StepLedger.StepsOf(runId)),
            s => s.Any(x => x.Step == steps - 1), TimeSpan.FromSeconds(90), "the last step to be performed");
        var resumed = StepLedger.PreparesOf(runId).Single(p => p.ResumedAt is not null);
        var finished = await WaitUntilAsync(job.GetAsync, j => j.ActiveRuns.Count == 0, what: "the job to hear that its run finished");

        Assert.Equal(1, finished.Completed);
        Assert.NotEqual(beforeKill.Silo, resumed.Silo);
        Assert.True(resumed.ResumedAt >= beforeKill.Step);
        Assert.Equal(Enumerable.Range(0, steps), performed.Select(s => s.Step).Distinct().Order());
        Assert.True(performed.GroupBy(s => s.Step).Count(g => g.Count() > 1) <= 1, "a committed step was performed again");
        await job.DeleteAsync();
    }

    private void RemoveKeepAlive(string runId)
    {
        lock (fixture.Store.Reminders)
        {
            foreach (var key in fixture.Store.Reminders.Keys.Where(k => IsKeepAlive(k, runId)).ToList())
            {
                fixture.Store.Reminders.Remove(key);
            }
        }
    }

    private bool HasKeepAlive(string runId)
    {
        lock (fixture.Store.Reminders)
        {
            return fixture.Store.Reminders.Keys.Any(k => IsKeepAlive(k, runId));
        }
    }

    private static bool IsKeepAlive((Runtime.GrainId Grain, string Name) key, string runId) =>
        key.Name == KeepAliveReminder && key.Grain.Key.ToString() == runId;
}
