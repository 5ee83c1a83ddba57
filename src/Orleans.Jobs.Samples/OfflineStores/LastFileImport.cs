namespace Orleans.Jobs.Samples.OfflineStores;

/// <summary>The key-value store entry <c>lastFileImport</c>: the newest file imported so far, across runs.</summary>
public sealed record LastFileImport(long Timestamp, string? Name);
