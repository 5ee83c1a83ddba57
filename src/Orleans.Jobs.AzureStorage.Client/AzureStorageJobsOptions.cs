namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// Where Orleans.Jobs keeps its data in Azure Storage. Give a <see cref="ConnectionString"/> (Azurite, account keys), or
/// the service URIs to use Azure.Identity's default credential chain (managed identity, workload identity, az login).
/// </summary>
public sealed class AzureStorageJobsOptions
{
    /// <summary>A storage connection string. Either this or both service URIs.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Blob service, e.g. <c>https://account.blob.core.windows.net</c>, used with the default credential.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The Table service, e.g. <c>https://account.table.core.windows.net</c>, used with the default credential.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The container of grain state blobs. Default <c>jobs-state</c>.</summary>
    public string GrainStateContainer { get; set; } = "jobs-state";

    /// <summary>The table of cluster membership, for Table clustering. Default <c>JobsMembership</c>.</summary>
    public string MembershipTable { get; set; } = "JobsMembership";

    /// <summary>The table of reminders. Default <c>JobsReminders</c>.</summary>
    public string ReminderTable { get; set; } = "JobsReminders";

    /// <summary>The container of run results, <c>{runId}.json</c>. Default <c>job-results</c>.</summary>
    public string ResultsContainer { get; set; } = "job-results";

    /// <summary>The container of run logs, append blobs <c>{runId}.log</c> of JSON lines. Default <c>job-logs</c>.</summary>
    public string LogsContainer { get; set; } = "job-logs";

    /// <summary>The table of the job catalog. Default <c>JobsCatalog</c>.</summary>
    public string JobCatalogTable { get; set; } = "JobsCatalog";

    /// <summary>The table of the run catalog. Default <c>JobsRunCatalog</c>.</summary>
    public string RunCatalogTable { get; set; } = "JobsRunCatalog";

    /// <summary>Run results and logs older than this are deleted; <see langword="null"/> keeps them. Default 30 days.</summary>
    public TimeSpan? Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the retention sweep runs. Default 1 h.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long one storage request may take before the Azure SDK gives it up and retries (its own default is
    /// 100 s, long enough to hold a run's step far past its deadline after a storage stall). Default 20 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Adjusts the Azure SDK options of the Blob and Table clients before they are made: add a pipeline policy
    /// (request counting, diagnostics), change retries. Not bound from configuration. Default none.
    /// </summary>
    public Action<Azure.Core.ClientOptions>? ConfigureClientOptions { get; set; }
}
