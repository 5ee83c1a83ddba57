using Azure;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// Creates every container and table Orleans.Jobs uses when the silo starts, before grains run, so a missing or
/// unreachable account fails start-up with a message naming it instead of failing the first run.
/// </summary>
internal sealed partial class AzureStorageInitializer(
    AzureStorageClients clients,
    IOptions<AzureStorageJobsOptions> options,
    ILogger<AzureStorageInitializer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AzureStorageInitializer), ServiceLifecycleStage.RuntimeInitialize, InitializeAsync);

    /// <summary>Creates the containers and tables that are missing.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            var containers = new[] { settings.GrainStateContainer, settings.ResultsContainer, settings.LogsContainer }
                .Select(name => clients.Blobs.GetBlobContainerClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            var tables = new[] { settings.ReminderTable, settings.JobCatalogTable, settings.RunCatalogTable }
                .Select(name => clients.Tables.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken));
            await Task.WhenAll([.. containers, .. tables]);
        }
        catch (Exception exception) when (exception is RequestFailedException or AuthenticationFailedException or AggregateException)
        {
            var where = settings.ConnectionString is { Length: > 0 } ? "the account of Storage:ConnectionString" : $"{settings.BlobServiceUri} and {settings.TableServiceUri}";
            throw new OrleansConfigurationException($"Azure Storage for Orleans.Jobs could not be prepared at {where}: {exception.Message}", exception);
        }

        LogReady(settings.GrainStateContainer, settings.ReminderTable);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure Storage ready: grain state in container {Container}, reminders in table {Table}.")]
    private partial void LogReady(string container, string table);
}
