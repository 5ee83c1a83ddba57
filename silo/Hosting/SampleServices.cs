using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Samples.Countdown;
using Orleans.Jobs.Samples.OfflineStores;
using Orleans.Jobs.Silo.Demo;

namespace Orleans.Jobs.Silo.Hosting;

/// <summary>The samples' services (offline-store source and destination, countdown witness) and the demo, for each storage mode.</summary>
internal static class SampleServices
{
    public static IServiceCollection AddOfflineStoreSample(this IServiceCollection services, StorageMode mode, bool runDemo)
    {
        if (mode == StorageMode.InMemory)
        {
            services.AddSingleton<InMemoryOfflineStores>();
            services.AddSingleton<IOfflineStoreSource>(sp => sp.GetRequiredService<InMemoryOfflineStores>());
            services.AddSingleton<IOfflineStoreDestination>(sp => sp.GetRequiredService<InMemoryOfflineStores>());
            services.AddSingleton<IDemoStores, InMemoryDemoStores>();
        }
        else
        {
            // Files in a container and stores in a table of the account the silo keeps its own data in.
            services.AddSingleton(sp => sp.GetRequiredService<AzureStorageClients>().Blobs.GetBlobContainerClient(sp.GetRequiredService<IOptions<DemoOptions>>().Value.SourceContainer));
            services.AddSingleton(sp => sp.GetRequiredService<AzureStorageClients>().Tables.GetTableClient(sp.GetRequiredService<IOptions<DemoOptions>>().Value.DestinationTable));
            services.AddSingleton<IOfflineStoreSource>(sp => new BlobOfflineStoreSource(sp.GetRequiredService<BlobContainerClient>()));
            services.AddSingleton<IOfflineStoreDestination>(sp => new TableOfflineStoreDestination(sp.GetRequiredService<TableClient>()));
            services.AddSingleton<IDemoStores, AzureDemoStores>();
        }

        services.AddSingleton<ICountdownWitness>(sp =>
            mode != StorageMode.InMemory && sp.GetRequiredService<IOptions<DemoOptions>>().Value.CountdownWitnessTable is { Length: > 0 } table
                ? new TableCountdownWitness(sp.GetRequiredService<AzureStorageClients>().Tables.GetTableClient(table))
                : new NoCountdownWitness());

        if (runDemo)
        {
            services.AddSingleton<RunFollower>().AddSingleton<ScheduledDemo>().AddHostedService<DemoRunner>();
        }

        return services;
    }
}
