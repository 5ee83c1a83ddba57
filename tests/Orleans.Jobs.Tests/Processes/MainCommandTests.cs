using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Orleans.Jobs.Results;
using Orleans.Jobs.Samples.OfflineStores;
using Orleans.Jobs.Tests.Azure;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.TestSupport;

namespace Orleans.Jobs.Tests.Processes;

/// <summary>
/// The README's main command, as a user runs it (<c>--runs 2</c>), on the test run's Azurite: the silo binary uploads
/// the seed's stores, fires the import on its cron schedule, and exits 0 after two runs; their results are blobs and the
/// stores are rows.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MainCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task MainCommand_WithTwoRuns_ImportsTheSeedStoresAndStoresBothResults()
    {
        var name = $"m{Guid.NewGuid():N}"[..12];
        var settings = new Dictionary<string, string>
        {
            ["Storage:Mode"] = "Azure",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:GrainStateContainer"] = $"{name}-state",
            ["Storage:ResultsContainer"] = $"{name}-results",
            ["Storage:LogsContainer"] = $"{name}-logs",
            ["Storage:ReminderTable"] = $"{name}Reminders",
            ["Storage:JobCatalogTable"] = $"{name}Jobs",
            ["Storage:RunCatalogTable"] = $"{name}Runs",
            ["Demo:SourceContainer"] = $"{name}-source",
            ["Demo:DestinationTable"] = $"{name}Stores",
            ["Demo:Runs"] = "2",
            ["Demo:EverySeconds"] = "2",
        };

        await using var silo = SiloProcess.Start(settings);
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{silo.Output}");
        Assert.Contains("Done: 2 run(s) completed, 0 did not.", silo.Output, StringComparison.Ordinal);
        var results = new List<RunResult>();
        await foreach (var blob in azurite.Blobs.GetBlobContainerClient($"{name}-results").GetBlobsAsync(BlobTraits.None, BlobStates.None, "offline-stores/", CancellationToken.None))
        {
            var content = (await azurite.Blobs.GetBlobContainerClient($"{name}-results").GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content;
            results.Add(JsonSerializer.Deserialize<RunResult>(content, JobJson.Options)!);
        }

        Assert.True(results.Count >= 2, $"{results.Count} result blobs");
        Assert.All(results, r => Assert.Equal(RunStatus.Completed, r.Status));
        var rows = new List<TableEntity>();
        await foreach (var row in azurite.Tables.GetTableClient($"{name}Stores").QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        Assert.Superset(SeedOfflineStores.All.Select(s => s.Id).ToHashSet(), rows.Select(r => r.RowKey).ToHashSet());
        Assert.Equal("Shop Emporium", rows.Single(r => r.RowKey == SeedOfflineStores.All[0].Id).GetString("Name"));
    }
}
