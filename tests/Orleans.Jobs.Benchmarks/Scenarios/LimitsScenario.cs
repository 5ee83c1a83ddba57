using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Orleans.Jobs.Benchmarks.Harness;
using Orleans.Jobs.Benchmarks.Systems;

namespace Orleans.Jobs.Benchmarks.Scenarios;

/// <summary>
/// The machine's limits, measured in the same run at the engine's concurrency (64 requests in flight): Azurite blob
/// PUTs of a 512-byte JSON body (new blobs, and updates with If-Match on the current ETag, as grain state is written),
/// Table upserts (as reminders and the catalog are written), and in-process Orleans grain calls (one grain, all
/// calls interleaved by the caller) and activations (a new grain per call).
/// </summary>
internal sealed class LimitsScenario : IScenario
{
    private static readonly BinaryData _body = BinaryData.FromString($"{{\"state\":\"{new string('x', 490)}\"}}");

    public string Id => "L";

    public string Title => "Limits";

    public IReadOnlyList<string> Systems(BenchmarkContext context) => [SystemNames.Limit];

    public async Task RunAsync(string system, BenchmarkContext context, BenchmarkResults results, CancellationToken cancellationToken)
    {
        var operations = context.Mode.LimitOperations;
        await using var azurite = await context.StartAzuriteAsync(cancellationToken);
        var connection = azurite.ConnectionString;
        var container = new BlobServiceClient(connection).GetBlobContainerClient($"limits{Guid.NewGuid():N}"[..20]);
        await container.CreateAsync(cancellationToken: cancellationToken);
        var etags = new Azure.ETag[operations];
        results.Add(Title, "blob PUT (new)", "/s", system, await RateAsync(operations, context.Concurrency, async i =>
        {
            var response = await container.GetBlobClient($"b{i}").UploadAsync(_body, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            etags[i] = response.Value.ETag;
        }, cancellationToken));
        results.Add(Title, "blob PUT (If-Match)", "/s", system, await RateAsync(operations, context.Concurrency, async i =>
            await container.GetBlobClient($"b{i}").UploadAsync(_body, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = etags[i] } }, cancellationToken), cancellationToken));

        var table = new TableServiceClient(connection).GetTableClient($"limits{Guid.NewGuid():N}"[..20]);
        await table.CreateAsync(cancellationToken);
        results.Add(Title, "Table upsert", "/s", system, await RateAsync(operations, context.Concurrency, async i =>
            await table.UpsertEntityAsync(new TableEntity($"p{i % 16}", $"r{i}") { ["Value"] = _body.ToString() }, TableUpdateMode.Replace, cancellationToken), cancellationToken));

        await using var host = await OrleansJobsHost.StartAsync(cancellationToken: cancellationToken);
        var grainOperations = operations * 50;
        var one = host.Grains.GetGrain<IPingGrain>(0);
        await one.PingAsync(0);
        results.Add(Title, "grain calls", "/s", system, await RateAsync(grainOperations, 1000, async i => await one.PingAsync(i), cancellationToken));
        results.Add(Title, "grain activations", "/s", system, await RateAsync(operations * 10, 1000, async i => await host.Grains.GetGrain<IPingGrain>(i + 1).PingAsync(i), cancellationToken));
        await container.DeleteAsync(cancellationToken: cancellationToken);
        await table.DeleteAsync(cancellationToken);
    }

    private static async Task<double> RateAsync(int count, int concurrency, Func<int, Task> operation, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, _) => await operation(i));
        return count / clock.Elapsed.TotalSeconds;
    }
}
