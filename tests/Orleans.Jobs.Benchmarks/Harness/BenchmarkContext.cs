namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>What every scenario shares: the mode, and the Azurite and PostgreSQL this run started (on first use).</summary>
internal sealed class BenchmarkContext(BenchmarkMode mode) : IAsyncDisposable
{
    private AzuriteProcess? _azurite;
    private PostgresServer? _postgres;

    public BenchmarkMode Mode { get; } = mode;

    /// <summary>Requests in flight against the engine or storage at once in the throughput scenarios.</summary>
    public int Concurrency { get; } = 64;

    public async Task<string> AzuriteAsync(CancellationToken cancellationToken)
    {
        _azurite ??= await AzuriteProcess.StartAsync(cancellationToken);
        return _azurite.ConnectionString;
    }

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

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
