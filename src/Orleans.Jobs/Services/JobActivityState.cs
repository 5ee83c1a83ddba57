namespace Orleans.Jobs.Services;

/// <summary>A job's activity log as persisted, newest first.</summary>
public sealed class JobActivityState
{
    /// <summary>Version of this document's shape.</summary>
    public int SchemaVersion { get; set; } = 1;

    /// <summary>The entries, newest first, at most <c>JobsOptions.ActivityLimit</c>.</summary>
    public List<ActivityEntry> Entries { get; set; } = [];
}
