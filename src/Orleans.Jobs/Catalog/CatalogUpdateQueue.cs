using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Catalog;

/// <summary>
/// Applies catalog updates in the background so that grains never wait on the catalog. Updates for the same entry
/// are applied in the order they were queued. An update lost with its silo is repaired by the grain's next update.
/// </summary>
public sealed partial class CatalogUpdateQueue(IJobCatalog catalog, ILogger<CatalogUpdateQueue> logger) : BackgroundService
{
    private readonly Channel<Func<IJobCatalog, CancellationToken, Task>> _updates =
        Channel.CreateUnbounded<Func<IJobCatalog, CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a job entry upsert.</summary>
    public void Enqueue(JobCatalogEntry entry) => _updates.Writer.TryWrite((c, ct) => c.UpsertJobAsync(entry, ct));

    /// <summary>Queues a run entry upsert.</summary>
    public void Enqueue(RunCatalogEntry entry) => _updates.Writer.TryWrite((c, ct) => c.UpsertRunAsync(entry, ct));

    /// <summary>Queues a job entry removal.</summary>
    public void EnqueueDelete(string jobId) => _updates.Writer.TryWrite((c, ct) => c.DeleteJobAsync(jobId, ct));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var update in _updates.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await update(catalog, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogUpdateFailed(exception);
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Drain what is queued before the silo stops, so a graceful shutdown loses no update.
        _updates.Writer.TryComplete();
        while (_updates.Reader.TryRead(out var update))
        {
            try
            {
                await update(catalog, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogUpdateFailed(exception);
            }
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A catalog update failed; the entry is repaired by the grain's next update.")]
    private partial void LogUpdateFailed(Exception exception);
}
