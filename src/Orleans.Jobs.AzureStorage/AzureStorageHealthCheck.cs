using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// Readiness of the storage account: reads the grain-state container's properties and one row of the job catalog
/// table, each within <see cref="Timeout"/>. A stalled or unreachable account makes the silo not ready: it can
/// neither commit checkpoints nor fire reminders.
/// </summary>
public sealed class AzureStorageHealthCheck(AzureStorageClients clients, IOptions<AzureStorageJobsOptions> options) : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "azure-storage";

    /// <summary>How long each probe may take before storage counts as unavailable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        var names = options.Value;
        try
        {
            await clients.Blobs.GetBlobContainerClient(names.GrainStateContainer).GetPropertiesAsync(cancellationToken: bounded.Token);
            var catalog = clients.Tables.GetTableClient(names.JobCatalogTable);
            await foreach (var _ in catalog.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: bounded.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return HealthCheckResult.Healthy("blob and table storage answer");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"storage did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (RequestFailedException exception)
        {
            return HealthCheckResult.Unhealthy($"storage refused a probe: {exception.Status} {exception.ErrorCode}", exception);
        }
        catch (Exception exception) when (exception is AggregateException or System.Net.Http.HttpRequestException)
        {
            return HealthCheckResult.Unhealthy($"storage is unreachable: {exception.GetBaseException().Message}", exception);
        }
    }
}
