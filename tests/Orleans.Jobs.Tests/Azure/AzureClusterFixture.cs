using Orleans.Hosting;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.Tests.TestJobs;
using Orleans.Jobs.TestSupport;
using Orleans.TestingHost;

namespace Orleans.Jobs.Tests.Azure;

/// <summary>
/// Two in-process silos keeping everything in Azurite (containers and tables of their own): grain state, reminders,
/// results, logs and the catalog. Membership is the test cluster's own; Table membership has its own tests.
/// </summary>
public sealed class AzureClusterFixture : IAsyncLifetime
{
    public AzureStorageJobsOptions Storage { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var storage = Storage = new AzureStorageJobsOptions
        {
            ConnectionString = azurite.ConnectionString,
            GrainStateContainer = AzuriteFixture.UniqueName("state-"),
            ResultsContainer = AzuriteFixture.UniqueName("results-"),
            LogsContainer = AzuriteFixture.UniqueName("logs-"),
            ReminderTable = AzuriteFixture.UniqueName("Reminders"),
            JobCatalogTable = AzuriteFixture.UniqueName("Jobs"),
            RunCatalogTable = AzuriteFixture.UniqueName("Runs"),
        };
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseAzureStorageForJobs(options =>
                {
                    options.ConnectionString = storage.ConnectionString;
                    options.GrainStateContainer = storage.GrainStateContainer;
                    options.ResultsContainer = storage.ResultsContainer;
                    options.LogsContainer = storage.LogsContainer;
                    options.ReminderTable = storage.ReminderTable;
                    options.JobCatalogTable = storage.JobCatalogTable;
                    options.RunCatalogTable = storage.RunCatalogTable;
                })
                .AddJobs(jobs => jobs.Add<StepRecorderJob>("step_recorder"), options => options.KeepAlivePeriod = ClusterFixture.KeepAlivePeriod);
            TestSiloTuning.Apply(silo);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
