using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Catalog;
using Orleans.Jobs.Storage;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.Tests.Conformance;
using Orleans.Storage;

namespace Orleans.Jobs.Tests.Azure;

/// <summary>Blob grain storage on Azurite against the Orleans contract. (In the serial collection: it shares the CPU with Azurite.)</summary>
[Collection(ClusterCollection.Name)]
public sealed class BlobGrainStorageConformance(AzuriteFixture azurite) : GrainStorageConformance, IClassFixture<AzuriteFixture>
{
    protected override async Task<IGrainStorage> StorageAsync()
    {
        var options = Options.Create(new AzureStorageJobsOptions { ConnectionString = azurite.ConnectionString, GrainStateContainer = AzuriteFixture.UniqueName("state-") });
        var storage = new BlobGrainStorage("test", new AzureStorageClients(options), options, new JsonGrainStateSerializer(), NullLogger<BlobGrainStorage>.Instance);
        await AzuriteFixture.PrepareAsync(options.Value);
        return storage;
    }
}

/// <summary>The Table reminder table on Azurite against the Orleans contract.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TableReminderTableConformance(AzuriteFixture azurite) : ReminderTableConformance, IClassFixture<AzuriteFixture>
{
    protected override async Task<IReminderTable> TableAsync()
    {
        var options = Options.Create(new AzureStorageJobsOptions { ConnectionString = azurite.ConnectionString, ReminderTable = AzuriteFixture.UniqueName("Reminders") });
        var table = new TableReminderTable(new AzureStorageClients(options), options, Options.Create(new ClusterOptions { ServiceId = "conformance" }), NullLogger<TableReminderTable>.Instance);
        await table.StartAsync();
        return table;
    }
}

/// <summary>The Table catalog on Azurite against the catalog contract.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TableJobCatalogConformance(AzuriteFixture azurite) : JobCatalogConformance, IClassFixture<AzuriteFixture>
{
    protected override async Task<IJobCatalog> CatalogAsync()
    {
        var options = Options.Create(new AzureStorageJobsOptions
        {
            ConnectionString = azurite.ConnectionString,
            JobCatalogTable = AzuriteFixture.UniqueName("Jobs"),
            RunCatalogTable = AzuriteFixture.UniqueName("Runs"),
        });
        var catalog = new TableJobCatalog(new AzureStorageClients(options), options);
        await AzuriteFixture.PrepareAsync(options.Value);
        return catalog;
    }
}
