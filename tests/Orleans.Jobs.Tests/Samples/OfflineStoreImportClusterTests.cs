using Orleans.Jobs.Samples.OfflineStores;
using Orleans.Jobs.Tests.Cluster;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Samples;

[Collection(ClusterCollection.Name)]
public sealed class OfflineStoreImportClusterTests(ClusterFixture fixture)
{
    private InMemoryOfflineStores Stores => fixture.OfflineStores;

    private async Task<IJobGrain> CreateJobAsync(string id)
    {
        var job = fixture.Client.GetGrain<IJobGrain>(id);
        await job.CreateAsync(new JobDefinition
        {
            Id = id,
            Type = OfflineStoreImportJob.TypeName,
            Retry = new RetryPolicy { MaximumAttempts = 3, InitialInterval = TimeSpan.FromMilliseconds(100) },
        });
        return job;
    }

    private async Task<RunSnapshot> RunOnceAsync(IJobGrain job)
    {
        var run = await job.TriggerAsync(new TriggerRequest());
        return await fixture.Client.GetGrain<IRunGrain>(run.RunId).WaitForFinishAsync();
    }

    [Fact]
    public async Task TwoRuns_SecondImportsOnlyNewFiles_AndTheActivityLogSaysSo()
    {
        await fixture.EnsureFullClusterAsync();
        Stores.Clear();
        OfflineStoreFiles.Add(Stores, "monday.json", 1);
        OfflineStoreFiles.Add(Stores, "tuesday.json", 2);
        var id = NewId("offline-import");
        var job = await CreateJobAsync(id);

        var first = await RunOnceAsync(job);
        OfflineStoreFiles.Add(Stores, "wednesday.json", 3, storeCount: 5);
        var second = await RunOnceAsync(job);

        Assert.Equal((RunStatus.Completed, RunStatus.Completed), (first.Status, second.Status));
        Assert.Equal(["monday.json", "tuesday.json", "wednesday.json"], Stores.Reads);
        Assert.Equal(11, Stores.Imported.Count);
        var lastFile = await fixture.Client.GetGrain<IJobKeyValueGrain>(id).GetAsync(OfflineStoreImportJob.LastFileImportKey);
        Assert.Contains("wednesday.json", lastFile, StringComparison.Ordinal);

        var history = new Orleans.Jobs.Client.JobsClient(fixture.Client).History;
        var activity = await WaitUntilAsync(() => history.GetActivityAsync(id, 10), a => a.Count >= 4, what: "two job notes and two engine notes");
        Assert.Equal(2, activity.Count(a => a is { FromEngine: false, Level: ActivityLevel.Success, Activity: "Offline Store Import" }));
        Assert.Contains(activity, a => a is { FromEngine: false } && a.Summary == "Imported 5 offline stores from 1 files" && a.RunId == second.RunId);
        Assert.Equal(2, activity.Count(a => a is { FromEngine: true, Title: "Run completed" }));

        await job.DeleteAsync();
        Assert.Null(await fixture.Client.GetGrain<IJobKeyValueGrain>(id).GetAsync(OfflineStoreImportJob.LastFileImportKey));
        Assert.Empty(await history.GetActivityAsync(id, 10));
    }

    [Fact]
    public async Task KillMidImport_RunFinishesElsewhere_SkippingNoFile()
    {
        await fixture.EnsureFullClusterAsync();
        Stores.Clear();
        for (var i = 1; i <= 6; i++)
        {
            OfflineStoreFiles.Add(Stores, $"batch-{i}.json", i);
        }

        Stores.ReadDelay = TimeSpan.FromMilliseconds(400);
        var id = NewId("offline-kill");
        var job = await CreateJobAsync(id);
        var started = await job.TriggerAsync(new TriggerRequest());
        var run = fixture.Client.GetGrain<IRunGrain>(started.RunId);

        var beforeKill = await WaitUntilAsync(run.GetStatusAsync, s => s.Step >= 3, what: "two files imported");
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.GetActiveSilos().Single(s => s.SiloAddress.ToString() == beforeKill.Silo));
        var finished = await run.WaitForFinishAsync();
        await job.DeleteAsync();

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.NotEqual(beforeKill.Silo, finished.Silo);
        Assert.Equal((beforeKill.Step - 1, 6L), (beforeKill.Progress!.Completed, beforeKill.Progress.Total));
        Assert.Equal((6L, 0L), (finished.Progress!.Completed, finished.Progress.Pending));
        Assert.Equal(18, Stores.Imported.Count);

        // Oldest first throughout; only the file in flight at the kill may be read again.
        var reads = Stores.Reads;
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"batch-{i}.json"), reads.Distinct());
        Assert.True(reads.Count <= 7, $"at most one file read twice: {string.Join(", ", reads)}");
        Assert.Equal(reads.Order(StringComparer.Ordinal), reads);
    }
}
