using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// Grain state on Blob storage: one JSON blob per grain and state name (<c>{state}/{grain type}/{grain key}.json</c>),
/// with optimistic concurrency on the blob's ETag — a first write only inserts, later writes and clears need the ETag
/// last read or written; a conflict is an <see cref="InconsistentStateException"/> and leaves the blob as it was. Each
/// write names itself in the blob's metadata, so that a write the SDK retried after a lost answer is not mistaken for
/// a conflict with itself.
/// Clearing deletes the blob. The container is created when the silo starts (<see cref="AzureStorageInitializer"/>).
/// </summary>
internal sealed partial class BlobGrainStorage(
    string name,
    AzureStorageClients clients,
    IOptions<AzureStorageJobsOptions> options,
    IGrainStorageSerializer serializer,
    ILogger<BlobGrainStorage> logger) : IGrainStorage
{
    /// <summary>Blob metadata naming the write that produced the blob's content.</summary>
    private const string WriteIdMetadata = "writeid";

    private BlobContainerClient Container => clients.Blobs.GetBlobContainerClient(options.Value.GrainStateContainer);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blob = Blob(stateName, grainId);
        try
        {
            var content = (await blob.DownloadContentAsync()).Value;
            grainState.State = serializer.Deserialize<T>(content.Content);
            grainState.ETag = content.Details.ETag.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        catch (RequestFailedException exception)
        {
            throw Fault("read", blob, exception);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blob = Blob(stateName, grainId);
        var conditions = grainState.ETag is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = new ETag(grainState.ETag) };
        var writeId = Guid.NewGuid().ToString("N");
        try
        {
            var response = await blob.UploadAsync(serializer.Serialize(grainState.State), new BlobUploadOptions
            {
                Conditions = conditions,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = new Dictionary<string, string> { [WriteIdMetadata] = writeId },
            });
            grainState.ETag = response.Value.ETag.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // The SDK retries a request whose answer was lost (a timeout, a dropped connection); when the first try
            // did land, the retry's condition fails against our own write. The write id tells the two apart.
            grainState.ETag = await OwnWriteETagAsync(blob, writeId) ?? throw Conflict("write", blob, grainState.ETag, exception);
            grainState.RecordExists = true;
            LogRetriedWriteLanded(blob.Name);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            throw Conflict("write", blob, grainState.ETag, exception);
        }
        catch (RequestFailedException exception)
        {
            throw Fault("write", blob, exception);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blob = Blob(stateName, grainId);
        try
        {
            if (grainState.ETag is null)
            {
                // Nothing was read or written: there must be nothing to clear.
                if (await blob.ExistsAsync())
                {
                    throw new InconsistentStateException($"Blob '{blob.Name}' exists but the clear expected none.", "(exists)", "(none)");
                }
            }
            else
            {
                await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = new ETag(grainState.ETag) });
            }
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            throw Conflict("clear", blob, grainState.ETag, exception);
        }
        catch (RequestFailedException exception)
        {
            throw Fault("clear", blob, exception);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>The ETag of the blob if its current content is the write <paramref name="writeId"/>; else null.</summary>
    private static async Task<string?> OwnWriteETagAsync(BlobClient blob, string writeId)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync()).Value;
            return properties.Metadata.TryGetValue(WriteIdMetadata, out var current) && current == writeId ? properties.ETag.ToString() : null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    private BlobClient Blob(string stateName, GrainId grainId) =>
        Container.GetBlobClient($"{StorageKeys.ForBlob(stateName)}/{StorageKeys.ForBlob(grainId.Type.ToString()!)}/{StorageKeys.ForBlob(grainId.Key.ToString()!)}.json");

    private InconsistentStateException Conflict(string operation, BlobClient blob, string? expectedETag, RequestFailedException exception)
    {
        LogConflict(operation, blob.Name, expectedETag, exception.Status);
        return new InconsistentStateException(
            $"The {operation} of blob '{blob.Name}' lost a race: it expected ETag '{expectedETag ?? "(none)"}' ({exception.Status} {exception.ErrorCode}).",
            "(unknown)",
            expectedETag ?? "(none)");
    }

    private OrleansException Fault(string operation, BlobClient blob, RequestFailedException exception)
    {
        LogFault(exception, operation, blob.Name, exception.Status);
        return new OrleansException(
            $"Grain storage '{name}': the {operation} of blob '{blob.Name}' in container '{blob.BlobContainerName}' failed: {exception.Status} {exception.ErrorCode}.", exception);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain state {Operation} of blob {Blob} conflicted (expected ETag {ETag}, status {Status}).")]
    private partial void LogConflict(string operation, string blob, string? eTag, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain state {Operation} of blob {Blob} failed with status {Status}.")]
    private partial void LogFault(Exception exception, string operation, string blob, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain state write of blob {Blob}: the SDK retried it after a lost answer, and the first try had landed.")]
    private partial void LogRetriedWriteLanded(string blob);
}
