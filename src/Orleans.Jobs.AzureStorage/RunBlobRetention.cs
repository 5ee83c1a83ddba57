using Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Hosting;

namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// Deletes run results and logs older than <see cref="AzureStorageJobsOptions.Retention"/>, every
/// <see cref="AzureStorageJobsOptions.RetentionSweepInterval"/>. Every silo sweeps; deleting a blob twice is harmless.
/// </summary>
internal sealed partial class RunBlobRetention(
    AzureStorageClients clients,
    IOptions<AzureStorageJobsOptions> options,
    [FromKeyedServices(JobsTime.Key)] TimeProvider time,
    ILogger<RunBlobRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Retention is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, time);
        do
        {
            try
            {
                var removed = await SweepAsync(stoppingToken);
                LogSwept(removed);
            }
            catch (Exception exception) when (exception is RequestFailedException or OrleansException)
            {
                LogSweepFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes the expired blobs of both containers; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - (options.Value.Retention ?? TimeSpan.MaxValue);
        var removed = 0;
        foreach (var name in new[] { options.Value.ResultsContainer, options.Value.LogsContainer })
        {
            var container = clients.Blobs.GetBlobContainerClient(name);
            if (!await container.ExistsAsync(cancellationToken))
            {
                continue;
            }

            await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                if (blob.Properties.LastModified is { } modified && modified < cutoff)
                {
                    await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
                    removed++;
                }
            }
        }

        return removed;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention sweep removed {Removed} run blobs.")]
    private partial void LogSwept(int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention sweep failed; it runs again at the next interval.")]
    private partial void LogSweepFailed(Exception exception);
}
