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

    /// <summary>The table of reminders. Default <c>JobsReminders</c>.</summary>
    public string ReminderTable { get; set; } = "JobsReminders";
}
