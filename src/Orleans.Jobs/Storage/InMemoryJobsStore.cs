using Orleans.Jobs.Catalog;
using Orleans.Jobs.Logs;
using Orleans.Jobs.Results;

namespace Orleans.Jobs.Storage;

/// <summary>
/// Everything Orleans.Jobs keeps durable, held in this process: grain states, reminders, the catalog, results and
/// run logs. Share one instance among the silos of a test cluster so that state outlives any silo; for a throwaway
/// single-silo mode it is the whole store. Nothing here survives the process.
/// </summary>
public sealed class InMemoryJobsStore
{
    private long _etag;
    private long _grainStateWrites;

    internal Dictionary<string, StoredState> GrainStates { get; } = new(StringComparer.Ordinal);

    internal Dictionary<(GrainId Grain, string Name), ReminderEntry> Reminders { get; } = [];

    /// <summary>The job and run catalog.</summary>
    public InMemoryJobCatalog Catalog { get; } = new();

    /// <summary>Run results.</summary>
    public InMemoryRunResultSink Results { get; } = new();

    /// <summary>Run logs.</summary>
    public InMemoryRunLogStore Logs { get; } = new();

    /// <summary>Number of grain-state writes so far (for tests that count writes on a critical path).</summary>
    public long GrainStateWrites => Interlocked.Read(ref _grainStateWrites);

    internal void CountGrainStateWrite() => Interlocked.Increment(ref _grainStateWrites);

    internal string NextETag() => Interlocked.Increment(ref _etag).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal sealed record StoredState(BinaryData Data, string ETag);
}
