using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Samples.OfflineStores;
using Orleans.Jobs.Storage;
using Orleans.Jobs.Tests.TestJobs;
using Orleans.Jobs.Webhooks;
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

    /// <summary>The key that encrypts webhook secrets in this cluster (32 bytes, base64).</summary>
    public static readonly string WebhookKey = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    /// <summary>The first webhook retry waits this long; each further one twice as long, at most 1 s.</summary>
    public static readonly TimeSpan WebhookRetryDelay = TimeSpan.FromMilliseconds(300);

    /// <summary>Webhook sinks retry from 300 ms (×2, at most 600 ms) and give a result up after this long.</summary>
    public static readonly TimeSpan SinkGiveUpAfter = TimeSpan.FromSeconds(2);

    public InMemoryJobsStore Store { get; } = new();

    /// <summary>The offline-store sample's source and destination, shared by every silo like a real container.</summary>
    public InMemoryOfflineStores OfflineStores { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>
    /// A grain factory inside a live silo: the silo-side helper for the calls only the engine makes, which are not on
    /// the interfaces a client sees.
    /// </summary>
    public IGrainFactory SiloGrains => Cluster.GetSiloServiceProvider(Cluster.GetActiveSilos().First().SiloAddress).GetRequiredService<IGrainFactory>();

    /// <summary>The client library over <see cref="Client"/>.</summary>
    public Orleans.Jobs.Client.JobsClient JobsClient => new(Client);

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
                        .Add<StepRecorderJob>("telemetry_probe")
                        .Add<PayloadProbeJob>("payload_probe")
                        .Add<Readme.PageImportJob>("page_import")
                        .Add<OfflineStoreImportJob>(OfflineStoreImportJob.TypeName),
                    options => options.KeepAlivePeriod = KeepAlivePeriod);
            silo.Services.Configure<WebhookOptions>(webhooks =>
            {
                webhooks.SecretKey = WebhookKey;
                webhooks.InitialRetryDelay = WebhookRetryDelay;
                webhooks.MaximumRetryDelay = TimeSpan.FromSeconds(1);
                webhooks.MaximumAttempts = 4;
                webhooks.RequestTimeout = TimeSpan.FromSeconds(5);
                webhooks.SinkInitialRetryDelay = TimeSpan.FromMilliseconds(300);
                webhooks.SinkMaximumRetryDelay = TimeSpan.FromMilliseconds(600);
                webhooks.SinkGiveUpAfter = SinkGiveUpAfter;
            });
            silo.AddActivityPropagation();
            TestSiloTuning.Apply(silo);
        });
        builder.ConfigureClient(client => client.AddActivityPropagation());
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
