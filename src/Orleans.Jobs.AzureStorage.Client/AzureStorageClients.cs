using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// The Blob and Table service clients of the account Orleans.Jobs uses, made once from <see cref="AzureStorageJobsOptions"/>.
/// Registered by <c>UseAzureStorageForJobs</c>; job types may use it to reach the same account.
/// </summary>
public sealed class AzureStorageClients(IOptions<AzureStorageJobsOptions> options)
{
    private readonly Lazy<TokenCredential> _credential = new(() => new DefaultAzureCredential());
    private BlobServiceClient? _blobs;
    private TableServiceClient? _tables;

    /// <summary>The Blob service.</summary>
    public BlobServiceClient Blobs => _blobs ??= options.Value.ConnectionString is { Length: > 0 } connection
        ? new BlobServiceClient(connection, WithTimeout(new BlobClientOptions()))
        : new BlobServiceClient(options.Value.BlobServiceUri, _credential.Value, WithTimeout(new BlobClientOptions()));

    /// <summary>The Table service.</summary>
    public TableServiceClient Tables => _tables ??= options.Value.ConnectionString is { Length: > 0 } connection
        ? new TableServiceClient(connection, WithTimeout(new TableClientOptions()))
        : new TableServiceClient(options.Value.TableServiceUri, _credential.Value, WithTimeout(new TableClientOptions()));

    private T WithTimeout<T>(T clientOptions) where T : ClientOptions
    {
        clientOptions.Retry.NetworkTimeout = options.Value.RequestTimeout;
        options.Value.ConfigureClientOptions?.Invoke(clientOptions);
        return clientOptions;
    }
}
