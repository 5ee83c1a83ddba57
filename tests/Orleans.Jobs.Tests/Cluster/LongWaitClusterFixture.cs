using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Storage;
using Orleans.Jobs.Tests.TestJobs;
using Orleans.TestingHost;

namespace Orleans.Jobs.Tests.Cluster;

/// <summary>Two in-process silos whose engine reads a <see cref="MovableClock"/>: waits of months, passed in seconds.</summary>
public sealed class LongWaitClusterFixture : IAsyncLifetime
{
    public MovableClock Clock { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public Orleans.Jobs.Client.JobsClient Jobs => new(Cluster.Client);

    public async Task InitializeAsync()
    {
        var store = new InMemoryJobsStore();
        var clock = Clock;
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(JobsTime.Key, clock);
            silo.UseInMemoryStorageForJobs(store)
                .AddJobs(jobs => jobs.Add<StepRecorderJob>("step_recorder"), options => options.KeepAlivePeriod = ClusterFixture.KeepAlivePeriod);
            TestSiloTuning.Apply(silo);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class LongWaitCollection : ICollectionFixture<LongWaitClusterFixture>
{
    public const string Name = "long waits";
}
