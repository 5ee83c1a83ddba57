namespace Orleans.Jobs.Services;

/// <summary>A job's key-value store as persisted: key to JSON text.</summary>
public sealed class JobKeyValueState
{
    /// <summary>Version of this document's shape.</summary>
    public int SchemaVersion { get; set; } = 1;

    /// <summary>The values, as JSON text.</summary>
    public Dictionary<string, string> Values { get; set; } = new(StringComparer.Ordinal);
}
