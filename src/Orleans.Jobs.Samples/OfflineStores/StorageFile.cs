namespace Orleans.Jobs.Samples.OfflineStores;

/// <summary>A file of offline stores in the source container: its name and when it was last modified (Unix ms).</summary>
public sealed record StorageFile(string Name, long LastModified);
