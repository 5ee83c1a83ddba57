using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Results;
using Orleans.Jobs.Tests.Cluster;

namespace Orleans.Jobs.Tests.Azure;

/// <summary>The Blob result sink, the append-blob run logs and the retention sweep, on Azurite.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BlobRunStoresTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string _runId = JobIds.RunId("nightly-import", 3, JobIds.ManualOccurrence("2026-11-23.nightly"));

    private IOptions<AzureStorageJobsOptions> Options() => Microsoft.Extensions.Options.Options.Create(new AzureStorageJobsOptions
    {
        ConnectionString = azurite.ConnectionString,
        ResultsContainer = AzuriteFixture.UniqueName("results-"),
        LogsContainer = AzuriteFixture.UniqueName("logs-"),
        Retention = TimeSpan.FromDays(1),
    });

    [Fact]
    public async Task ResultSink_WritesJsonBlobWithMetadata_AndReplacesOnRewrite()
    {
        var options = Options();
        var sink = new BlobRunResultSink(new AzureStorageClients(options), options);
        await AzuriteFixture.PrepareAsync(options.Value);
        var result = new RunResult
        {
            RunId = _runId,
            JobId = "nightly-import",
            Type = "page_import",
            Attempt = 2,
            Status = RunStatus.Completed,
            Result = JsonSerializer.SerializeToElement(new { imported = 250 }),
            CompletedAt = DateTimeOffset.UtcNow,
        };

        await sink.WriteAsync(result with { Attempt = 1 }, CancellationToken.None);
        var reference = await sink.WriteAsync(result, CancellationToken.None);

        var blob = azurite.Blobs.GetBlobContainerClient(options.Value.ResultsContainer).GetBlobClient(new BlobUriBuilder(new Uri(reference)).BlobName);
        var properties = (await blob.GetPropertiesAsync()).Value;
        var stored = JsonSerializer.Deserialize<RunResult>((await blob.DownloadContentAsync()).Value.Content, JobJson.Options)!;
        Assert.Equal("application/json", properties.ContentType);
        Assert.Equal(("nightly-import", "2", "Completed"), (properties.Metadata["job"], properties.Metadata["attempt"], properties.Metadata["status"]));
        Assert.Equal(_runId, Uri.UnescapeDataString(properties.Metadata["run"]));
        Assert.Equal(250, stored.Result!.Value.GetProperty("imported").GetInt32());
        Assert.StartsWith("nightly-import/3/", blob.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunLogs_AppendInOrder_AndReadFromAnyPosition()
    {
        var options = Options();
        var logs = new AppendBlobRunLogStore(new AzureStorageClients(options), options);
        await AzuriteFixture.PrepareAsync(options.Value);
        RunLogLine Line(int i) => new() { Timestamp = DateTimeOffset.UtcNow, Level = "Information", Message = $"line {i}: \"quoted\"\nand a newline", Attempt = 1 };

        await logs.AppendAsync(_runId, [Line(0), Line(1), Line(2)], CancellationToken.None);
        await logs.AppendAsync(_runId, [Line(3), Line(4)], CancellationToken.None);

        var middle = await logs.ReadAsync(_runId, 2, 2, CancellationToken.None);
        Assert.Equal(["line 2: \"quoted\"\nand a newline", "line 3: \"quoted\"\nand a newline"], middle.Select(l => l.Message));
        Assert.Equal(5, (await logs.ReadAsync(_runId, 0, 100, CancellationToken.None)).Count);
        Assert.Empty(await logs.ReadAsync("no-such/1/run", 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Retention_RemovesRunBlobsOlderThanItKeeps()
    {
        var options = Options();
        var clients = new AzureStorageClients(options);
        var sink = new BlobRunResultSink(clients, options);
        var logs = new AppendBlobRunLogStore(clients, options);
        await AzuriteFixture.PrepareAsync(options.Value);
        await sink.WriteAsync(new RunResult { RunId = _runId, JobId = "nightly-import", Type = "t", Attempt = 1, Status = RunStatus.Completed, CompletedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        await logs.AppendAsync(_runId, [new RunLogLine { Timestamp = DateTimeOffset.UtcNow, Level = "Information", Message = "hello" }], CancellationToken.None);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var retention = new RunBlobRetention(clients, options, time, NullLogger<RunBlobRetention>.Instance);

        Assert.Equal(0, await retention.SweepAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromDays(1.5));
        Assert.Equal(2, await retention.SweepAsync(CancellationToken.None));
        Assert.Empty(await logs.ReadAsync(_runId, 0, 10, CancellationToken.None));
    }
}
