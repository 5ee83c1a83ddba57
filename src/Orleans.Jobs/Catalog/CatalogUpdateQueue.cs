using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Catalog;

/// <summary>
/// Applies catalog updates in the background so that grains never wait on the catalog. Updates are coalesced per
/// entry, latest wins: the queue holds at most one pending update for each job and each run, so a burst of changes to
/// one entry costs one catalog write, and the last update queued for an entry is the one applied. An update lost with
/// its silo is repaired by the grain's next update.
/// </summary>
public sealed partial class CatalogUpdateQueue(IJobCatalog catalog, ILogger<CatalogUpdateQueue> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Func<IJobCatalog, CancellationToken, Task>> _pending = new(StringComparer.Ordinal);
    private readonly Channel<string> _keys = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a job entry upsert.</summary>
    public void Enqueue(JobCatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Queue(JobKey(entry.JobId), (c, ct) => c.UpsertJobAsync(entry, ct));
    }

    /// <summary>Queues a run entry upsert.</summary>
    public void Enqueue(RunCatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Queue($"run\n{entry.RunId}", (c, ct) => c.UpsertRunAsync(entry, ct));
    }

    /// <summary>Queues a job entry removal; it replaces an upsert of the same job still waiting.</summary>
    public void EnqueueDelete(string jobId) => Queue(JobKey(jobId), (c, ct) => c.DeleteJobAsync(jobId, ct));

    private static string JobKey(string jobId) => $"job\n{jobId}";

    private void Queue(string key, Func<IJobCatalog, CancellationToken, Task> update)
    {
        // The key goes into the channel only when no update of the entry was waiting; a waiting one is replaced and is
        // applied, as the latest, when its key comes out.
        var added = false;
        _pending.AddOrUpdate(key, _ => { added = true; return update; }, (_, _) => { added = false; return update; });
        if (added)
        {
            _keys.Writer.TryWrite(key);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var key in _keys.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await ApplyAsync(key, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Drain what is queued before the silo stops, so a graceful shutdown loses no update.
        _keys.Writer.TryComplete();
        while (_keys.Reader.TryRead(out var key))
        {
            await ApplyAsync(key, cancellationToken).ConfigureAwait(false);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyAsync(string key, CancellationToken cancellationToken)
    {
        if (!_pending.TryRemove(key, out var update))
        {
            return;
        }

        try
        {
            await update(catalog, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogUpdateFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A catalog update failed; the entry is repaired by the grain's next update.")]
    private partial void LogUpdateFailed(Exception exception);
}
