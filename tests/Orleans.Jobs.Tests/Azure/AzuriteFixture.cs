using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.TestSupport;

namespace Orleans.Jobs.Tests.Azure;

/// <summary>Gives a test class the shared Azurite, and clients for it.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    /// <summary>The connection string to the shared Azurite.</summary>
    public string ConnectionString => _server?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public BlobServiceClient Blobs => new(ConnectionString);

    public TableServiceClient Tables => new(ConnectionString);

    /// <summary>A fresh name for a container or table, so tests do not see each other's data.</summary>
    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 16, 63)];

    /// <summary>Creates the containers and tables <paramref name="options"/> name, as a silo does at start-up.</summary>
    public static async Task PrepareAsync(AzureStorageJobsOptions options)
    {
        var wrapped = Options.Create(options);
        await new AzureStorageInitializer(new AzureStorageClients(wrapped), wrapped, NullLogger<AzureStorageInitializer>.Instance).InitializeAsync(CancellationToken.None);
    }

    public async Task InitializeAsync() => _server = await AzuriteServer.SharedAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
