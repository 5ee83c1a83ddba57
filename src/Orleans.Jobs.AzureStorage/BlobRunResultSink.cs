using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Results;

namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// Run results as JSON blobs, <c>{container}/{runId}.json</c>, with content type and metadata (job, run, attempt,
/// status); writing a run's result again replaces it. The reference is the blob's URI.
/// </summary>
internal sealed class BlobRunResultSink(AzureStorageClients clients, IOptions<AzureStorageJobsOptions> options) : IRunResultSink
{
    private BlobContainerClient Container => clients.Blobs.GetBlobContainerClient(options.Value.ResultsContainer);

    public async Task<string> WriteAsync(RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var blob = Container.GetBlobClient($"{StorageKeys.RunPath(result.RunId)}.json");
        try
        {
            await blob.UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(result, JobJson.Options)), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = new Dictionary<string, string>
                {
                    ["job"] = Uri.EscapeDataString(result.JobId),
                    ["run"] = Uri.EscapeDataString(result.RunId),
                    ["attempt"] = result.Attempt.ToString(CultureInfo.InvariantCulture),
                    ["status"] = result.Status.ToString(),
                },
            }, cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            throw new OrleansException($"Writing the result of run '{result.RunId}' to blob '{blob.Name}' in '{blob.BlobContainerName}' failed: {exception.Status} {exception.ErrorCode}.", exception);
        }

        return blob.Uri.ToString();
    }
}
