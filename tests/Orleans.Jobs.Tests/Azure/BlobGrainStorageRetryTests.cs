using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Storage;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.Tests.Conformance;
using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Jobs.Tests.Azure;

/// <summary>
/// A grain state write whose answer is lost after it landed is retried by the Azure SDK; the retry's condition then
/// fails against the write itself. Blob grain storage must see that the blob holds its own write and succeed, and
/// still refuse a write that another writer beat.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BlobGrainStorageRetryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly GrainId _grain = GrainId.Create("run", $"job/1/{Guid.NewGuid():N}");

    [Fact]
    public async Task AWriteWhoseAnswerWasLost_IsRetried_AndSucceedsWithTheStoredETag()
    {
        var loser = new AnswerLoser();
        var storage = await StorageAsync(loser);
        var before = loser.Attempts; // the containers' creation

        var state = new TestGrainState<CounterState> { State = { Value = 1 } };
        loser.LoseNext();
        await storage.WriteStateAsync("run", _grain, state);
        Assert.Equal(2, loser.Attempts - before);

        state.State.Value = 2;
        loser.LoseNext();
        await storage.WriteStateAsync("run", _grain, state);
        Assert.Equal(4, loser.Attempts - before);

        var read = new TestGrainState<CounterState>();
        await storage.ReadStateAsync("run", _grain, read);
        Assert.Equal((2, state.ETag), (read.State.Value, read.ETag));

        // Another writer's commit is still a conflict, however the request went.
        var stale = new TestGrainState<CounterState> { ETag = state.ETag, State = { Value = 3 } };
        state.State.Value = 4;
        await storage.WriteStateAsync("run", _grain, state);
        loser.LoseNext();
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("run", _grain, stale));
        await storage.ReadStateAsync("run", _grain, read);
        Assert.Equal(4, read.State.Value);
    }

    private async Task<BlobGrainStorage> StorageAsync(AnswerLoser loser)
    {
        var options = Options.Create(new AzureStorageJobsOptions
        {
            ConnectionString = azurite.ConnectionString,
            GrainStateContainer = AzuriteFixture.UniqueName("state-"),
            ConfigureClientOptions = client =>
            {
                client.Retry.Delay = TimeSpan.FromMilliseconds(10);
                client.AddPolicy(loser, HttpPipelinePosition.PerRetry);
            },
        });
        await AzuriteFixture.PrepareAsync(options.Value);
        return new BlobGrainStorage("test", new AzureStorageClients(options), options, new JsonGrainStateSerializer(), NullLogger<BlobGrainStorage>.Instance);
    }

    /// <summary>When told to, lets the next blob PUT reach storage and then loses its answer, as a dropped connection would.</summary>
    private sealed class AnswerLoser : HttpPipelinePolicy
    {
        private int _lose;
        private int _attempts;

        public int Attempts => _attempts;

        public void LoseNext() => Interlocked.Exchange(ref _lose, 1);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The Blob client is used asynchronously here.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var isPut = message.Request.Method == RequestMethod.Put;
            if (isPut)
            {
                Interlocked.Increment(ref _attempts);
            }

            await ProcessNextAsync(message, pipeline);
            if (isPut && Interlocked.Exchange(ref _lose, 0) == 1)
            {
                throw new IOException("The answer was lost (simulated).");
            }
        }
    }
}
