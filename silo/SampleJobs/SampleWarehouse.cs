using System.Collections.Concurrent;

namespace Orleans.Jobs.Silo.SampleJobs;

/// <summary>Where the sample job's records land: counts per run, in this process.</summary>
public sealed class SampleWarehouse
{
    private readonly ConcurrentDictionary<string, int> _stored = new(StringComparer.Ordinal);

    public int StoredFor(string runId) => _stored.GetValueOrDefault(runId);

    public Task StoreAsync(string runId, IReadOnlyList<int> records, CancellationToken cancellationToken)
    {
        _stored.AddOrUpdate(runId, records.Count, (_, count) => count + records.Count);
        return Task.CompletedTask;
    }
}
