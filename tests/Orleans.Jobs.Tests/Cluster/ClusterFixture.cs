using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Samples.OfflineStores;
using Orleans.Jobs.Storage;
using Orleans.Jobs.Tests.TestJobs;
using Orleans.TestingHost;

namespace Orleans.Jobs.Tests.Cluster;

/// <summary>
/// Three in-process silos sharing one membership table and one <see cref="InMemoryJobsStore"/> (grain state,
/// reminders, catalog), so that any silo may be killed and its runs resume on the others. Failure detection and
/// reminders are tuned short so a failover takes seconds.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int SiloCount = 3;
    public static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromSeconds(1);

    public InMemoryJobsStore Store { get; } = new();

    /// <summary>The offline-store sample's source and destination, shared by every silo like a real container.</summary>
    public InMemoryOfflineStores OfflineStores { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var store = Store;
        var offlineStores = OfflineStores;
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IOfflineStoreSource>(offlineStores).AddSingleton<IOfflineStoreDestination>(offlineStores);
            silo.UseInMemoryStorageForJobs(store)
                .AddJobs(
                    jobs => jobs
                        .Add<StepRecorderJob>("step_recorder")
                        .Add<Readme.PageImportJob>("page_import")
                        .Add<OfflineStoreImportJob>(OfflineStoreImportJob.TypeName),
                    options => options.KeepAlivePeriod = KeepAlivePeriod);
            TestSiloTuning.Apply(silo);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Starts silos until the cluster is back to <see cref="SiloCount"/> (after a test killed one).</summary>
    public async Task EnsureFullClusterAsync()
    {
        var started = false;
        while (Cluster.GetActiveSilos().Count() < SiloCount)
        {
            await Cluster.StartAdditionalSiloAsync();
            started = true;
        }

        if (started)
        {
            await Cluster.WaitForLivenessToStabilizeAsync();
        }
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
