using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Jobs.Catalog;

namespace Orleans.Jobs.Tests.Unit.Catalog;

public sealed class CatalogUpdateQueueTests
{
    [Fact]
    public async Task Updates_ToOneEntry_WhileWaiting_AreCoalesced_LatestWins_OthersKeepTheirOwn()
    {
        var catalog = new CountingCatalog();
        var queue = new CatalogUpdateQueue(catalog, NullLogger<CatalogUpdateQueue>.Instance);
        queue.Enqueue(Job("a", version: 1));
        queue.Enqueue(Job("b", version: 1));
        queue.Enqueue(Job("a", version: 2));
        queue.Enqueue(Job("a", version: 3));
        queue.Enqueue(Job("c", version: 1));
        queue.EnqueueDelete("c");

        await queue.StopAsync(CancellationToken.None);

        Assert.Equal([("a", 3L), ("b", 1L)], catalog.Upserts);
        Assert.Equal(["c"], catalog.Deletes);
    }

    [Fact]
    public async Task Update_QueuedAfterItsEntryWasWritten_IsWrittenToo()
    {
        var catalog = new CountingCatalog();
        var queue = new CatalogUpdateQueue(catalog, NullLogger<CatalogUpdateQueue>.Instance);
        await queue.StartAsync(CancellationToken.None);
        queue.Enqueue(Job("a", version: 1));
        await catalog.WaitForUpsertsAsync(1);
        queue.Enqueue(Job("a", version: 2));

        await catalog.WaitForUpsertsAsync(2);
        await queue.StopAsync(CancellationToken.None);

        Assert.Equal([("a", 1L), ("a", 2L)], catalog.Upserts);
    }

    private static JobCatalogEntry Job(string id, long version) =>
        new() { JobId = id, Type = "noop", Status = JobLifecycle.Scheduled, Version = version };

    private sealed class CountingCatalog : IJobCatalog
    {
        private readonly Lock _lock = new();

        public List<(string, long)> Upserts { get; } = [];

        public List<string> Deletes { get; } = [];

        public async Task WaitForUpsertsAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (Count() < count)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        public Task UpsertJobAsync(JobCatalogEntry entry, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                Upserts.Add((entry.JobId, entry.Version));
            }

            return Task.CompletedTask;
        }

        public Task DeleteJobAsync(string jobId, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                Deletes.Add(jobId);
            }

            return Task.CompletedTask;
        }

        public Task UpsertRunAsync(RunCatalogEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<CatalogPage<JobCatalogEntry>> QueryJobsAsync(JobCatalogQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<CatalogPage<RunCatalogEntry>> QueryRunsAsync(RunCatalogQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        private int Count()
        {
            lock (_lock)
            {
                return Upserts.Count;
            }
        }
    }
}
