using Orleans.Jobs.Catalog;
using Orleans.Jobs.Storage;
using Orleans.Storage;

namespace Orleans.Jobs.Tests.Conformance;

/// <summary>The in-memory grain storage against the Orleans contract.</summary>
public sealed class InMemoryGrainStorageConformance : GrainStorageConformance
{
    private readonly InMemoryGrainStorage _storage = new(new InMemoryJobsStore(), new JsonGrainStateSerializer());

    protected override Task<IGrainStorage> StorageAsync() => Task.FromResult<IGrainStorage>(_storage);
}

/// <summary>The in-memory reminder table against the Orleans contract.</summary>
public sealed class InMemoryReminderTableConformance : ReminderTableConformance
{
    private readonly InMemoryReminderTable _table = new(new InMemoryJobsStore());

    protected override Task<IReminderTable> TableAsync() => Task.FromResult<IReminderTable>(_table);
}

/// <summary>The in-memory catalog against the catalog contract.</summary>
public sealed class InMemoryJobCatalogConformance : JobCatalogConformance
{
    protected override Task<IJobCatalog> CatalogAsync() => Task.FromResult<IJobCatalog>(new InMemoryJobCatalog());
}
