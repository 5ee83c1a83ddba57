using Orleans.Jobs.TestSupport;

namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>What every scenario shares: the mode, fresh Azurites, and the PostgreSQL this run started (on first use).</summary>
internal sealed class BenchmarkContext(BenchmarkMode mode) : IAsyncDisposable
{
    private PostgresServer? _postgres;

    public BenchmarkMode Mode { get; } = mode;

    /// <summary>Requests in flight against the engine or storage at once in the throughput scenarios.</summary>
    public int Concurrency { get; } = 64;

    /// <summary>
    /// A fresh Azurite (in memory) for one measurement, which the caller disposes: Azurite slows down as its in-memory
    /// store fills, so no measurement inherits another's data.
    /// </summary>
    public Task<AzuriteServer> StartAzuriteAsync(CancellationToken cancellationToken) => AzuriteServer.StartPrivateAsync(cancellationToken);

    /// <summary>A PostgreSQL server for the durable peer (full mode), started on first use.</summary>
    public async Task<string> PostgresAsync(CancellationToken cancellationToken)
    {
        _postgres ??= await PostgresServer.StartAsync(cancellationToken);
        return _postgres.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

    }
}
