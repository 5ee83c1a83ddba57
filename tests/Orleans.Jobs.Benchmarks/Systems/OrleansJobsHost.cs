using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Client;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Storage;
using Orleans.Jobs.TestSupport;

namespace Orleans.Jobs.Benchmarks.Systems;

/// <summary>
/// Orleans.Jobs as a user runs it in one process: a silo (localhost clustering) with the benchmark job types and the
/// grain client of the same host. Storage in memory, or on Azurite with every storage request counted.
/// </summary>
internal sealed class OrleansJobsHost : IAsyncDisposable
{
    private readonly IHost _host;

    private OrleansJobsHost(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Client = new JobsClient(Grains);
    }

    public IGrainFactory Grains { get; }

    public JobsClient Client { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a silo; <paramref name="azurite"/> null keeps everything in <paramref name="store"/> (or a new store).</summary>
    public static async Task<OrleansJobsHost> StartAsync(
        string? azurite = null, StorageRequestCounter? counter = null, InMemoryJobsStore? store = null, string prefix = "bench", CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error).AddFilter("Orleans.Messaging", LogLevel.Critical).AddFilter("Polly", LogLevel.Critical);
        builder.Services.AddSingleton(counter ?? new StorageRequestCounter());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePorts.Next(), gatewayPort: FreePorts.Next());
            if (azurite is null)
            {
                silo.UseInMemoryStorageForJobs(store);
            }
            else
            {
                silo.UseAzureStorageForJobs(options =>
                {
                    options.ConnectionString = azurite;
                    options.GrainStateContainer = $"{prefix}-state";
                    options.ResultsContainer = $"{prefix}-results";
                    options.LogsContainer = $"{prefix}-logs";
                    options.ReminderTable = $"{prefix}Reminders";
                    options.JobCatalogTable = $"{prefix}Catalog";
                    options.RunCatalogTable = $"{prefix}RunCatalog";
                    options.ConfigureClientOptions = client => client.AddPolicy(counter ?? new StorageRequestCounter(), Azure.Core.HttpPipelinePosition.PerRetry);
                });
            }

            silo.AddJobs(jobs => jobs
                .Add<NoopJob>(NoopJob.TypeName)
                .Add<ThreeStepJob>(ThreeStepJob.TypeName));
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new OrleansJobsHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // A silo that does not stop in time is dropped with the process.
        }

        _host.Dispose();
    }
}
