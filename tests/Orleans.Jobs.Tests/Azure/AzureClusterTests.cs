using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Catalog;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.Tests.TestJobs;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Azure;

/// <summary>The engine on Azure Storage (Azurite): runs, failover and schedules with state, reminders, results and catalog in Azurite.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AzureClusterTests(AzureClusterFixture fixture, AzuriteFixture azurite) : IClassFixture<AzureClusterFixture>, IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task KillHostingSilo_MidRun_RunFinishesElsewhereFromItsBlobCheckpoint()
    {
        var id = NewId("azure-failover");
        var job = fixture.Client.GetGrain<IJobGrain>(id);
        await job.CreateAsync(StepRecorder(id, new { steps = 8, stepDelayMs = 250 }));
        var started = await job.TriggerAsync(new TriggerRequest());
        var run = fixture.Client.GetGrain<IRunGrain>(started.RunId);

        var beforeKill = await WaitUntilAsync(run.GetStatusAsync, s => s.Step >= 3, what: "three committed steps");
        var host = fixture.Cluster.GetActiveSilos().Single(s => s.SiloAddress.ToString() == beforeKill.Silo);
        await fixture.Cluster.KillSiloAsync(host);

        // A call lost with the killed silo waits out Orleans' 30 s response timeout: room for one such call.
        var finished = await run.WaitForFinishAsync(TimeSpan.FromSeconds(90));
        await fixture.Cluster.StartAdditionalSiloAsync();

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.NotEqual(beforeKill.Silo, finished.Silo);
        var steps = StepLedger.StepsOf(started.RunId);
        Assert.All(steps.GroupBy(s => s.Step).Where(g => g.Count() > 1), g => Assert.True(g.Key >= beforeKill.Step, $"step {g.Key} ran twice but was committed before the kill"));
        Assert.Equal(Enumerable.Range(0, 8), steps.Select(s => s.Step).Distinct().Order());

        // The result is a blob, and the checkpoint that carried the run across is one too.
        var resultBlob = azurite.Blobs.GetBlobContainerClient(fixture.Storage.ResultsContainer).GetBlobClient(new BlobUriBuilder(new Uri(finished.ResultReference!)).BlobName);
        Assert.True((await resultBlob.ExistsAsync()).Value);
        var stateBlobs = azurite.Blobs.GetBlobContainerClient(fixture.Storage.GrainStateContainer).GetBlobsAsync();
        var names = new List<string>();
        await foreach (var blob in stateBlobs)
        {
            names.Add(blob.Name);
        }

        Assert.Contains(names, n => n.StartsWith("run/", StringComparison.Ordinal) && n.Contains(Uri.EscapeDataString(started.RunId), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScheduledJob_FiresFromTableReminders_AndTheCatalogSeesItsRuns()
    {
        var id = NewId("azure-schedule");
        var job = fixture.Client.GetGrain<IJobGrain>(id);
        await job.CreateAsync(StepRecorder(id, new { steps = 1 }) with { Schedules = [Schedule.Interval(TimeSpan.FromSeconds(1))] });

        var snapshot = await WaitUntilAsync(job.GetAsync, s => s.Completed >= 2, what: "two completed scheduled runs");
        await job.DeleteAsync();

        var reminders = azurite.Tables.GetTableClient(fixture.Storage.ReminderTable);
        Assert.Equal(RunStatus.Completed, snapshot.LastRun!.Status);
        var catalog = await WaitUntilAsync(
            async () => await CatalogRunsAsync(id),
            runs => runs.Count(r => r.Status == RunStatus.Completed) >= 2,
            what: "the catalog to list the completed runs");
        Assert.All(catalog, r => Assert.Equal(id, r.JobId));
        await WaitUntilAsync(() => RemindersOfAsync(reminders, id), count => count == 0, what: "the deleted job's reminder to be removed from the table");
    }

    private static async Task<int> RemindersOfAsync(TableClient reminders, string jobId)
    {
        var count = 0;
        await foreach (var row in reminders.QueryAsync<TableEntity>())
        {
            count += row.GetString("GrainId").EndsWith(jobId, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }

    private async Task<IReadOnlyList<RunCatalogEntry>> CatalogRunsAsync(string jobId)
    {
        var options = Options.Create(fixture.Storage);
        var catalog = new TableJobCatalog(new AzureStorageClients(options), options);
        return (await catalog.QueryRunsAsync(new RunCatalogQuery { JobId = jobId }, CancellationToken.None)).Items;
    }
}
