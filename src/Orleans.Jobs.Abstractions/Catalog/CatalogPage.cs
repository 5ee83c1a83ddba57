namespace Orleans.Jobs;

/// <summary>One page of catalog entries.</summary>
/// <typeparam name="T">The entry type.</typeparam>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.CatalogPage`1")]
public sealed record CatalogPage<T>
{
    /// <summary>The entries, in id order.</summary>
    [Id(0)]
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>Pass to the next query to read on; null on the last page.</summary>
    [Id(1)]
    public string? Continuation { get; init; }
}
