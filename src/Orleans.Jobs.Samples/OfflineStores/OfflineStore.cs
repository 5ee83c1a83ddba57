namespace Orleans.Jobs.Samples.OfflineStores;

/// <summary>One offline store, as the source files hold it.</summary>
public sealed record OfflineStore
{
    /// <summary>The store's id; the destination upserts by it, so importing a file again changes nothing.</summary>
    public required string Id { get; init; }

    /// <summary>The store's name.</summary>
    public required string Name { get; init; }

    /// <summary>Where it is.</summary>
    public required string Location { get; init; }
}
