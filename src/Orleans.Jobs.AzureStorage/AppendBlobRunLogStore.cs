using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Logs;

namespace Orleans.Jobs.AzureStorage;

/// <summary>Run logs as append blobs of JSON lines, <c>{container}/{runId}.log</c>: one append per flush, read back whole.</summary>
internal sealed class AppendBlobRunLogStore(AzureStorageClients clients, IOptions<AzureStorageJobsOptions> options) : IRunLogStore
{
    /// <summary>Azure's limit for one appended block is 4 MiB; stay under it.</summary>
    private const int MaximumBlockBytes = 4 * 1024 * 1024 - 1024;

    private BlobContainerClient Container => clients.Blobs.GetBlobContainerClient(options.Value.LogsContainer);

    public async Task AppendAsync(string runId, IReadOnlyList<RunLogLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return;
        }

        var blob = Blob(runId);
        try
        {
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            foreach (var block in Blocks(lines))
            {
                using var stream = new MemoryStream(block, writable: false);
                await blob.AppendBlockAsync(stream, cancellationToken: cancellationToken);
            }
        }
        catch (RequestFailedException exception)
        {
            throw new OrleansException($"Appending to the log of run '{runId}' ({blob.Name}) failed: {exception.Status} {exception.ErrorCode}.", exception);
        }
    }

    public async Task<IReadOnlyList<RunLogLine>> ReadAsync(string runId, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        BinaryData content;
        try
        {
            content = (await Blob(runId).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return [];
        }

        return [.. content.ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(skip)
            .Take(take)
            .Select(line => JsonSerializer.Deserialize<RunLogLine>(line, JobJson.Options)!)];
    }

    private AppendBlobClient Blob(string runId) => Container.GetAppendBlobClient($"{StorageKeys.RunPath(runId)}.log");

    /// <summary>The lines as newline-terminated JSON, cut into blocks an append accepts.</summary>
    private static IEnumerable<byte[]> Blocks(IReadOnlyList<RunLogLine> lines)
    {
        var block = new MemoryStream();
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, JobJson.Options) + "\n");
            if (bytes.Length > MaximumBlockBytes)
            {
                // A line larger than a block: keep its head, say so, and stay valid JSON.
                var shortened = line with { Message = string.Concat(line.Message.AsSpan(0, Math.Min(line.Message.Length, 256 * 1024)), " …(truncated)"), Exception = null };
                bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(shortened, JobJson.Options) + "\n");
            }

            if (block.Length > 0 && block.Length + bytes.Length > MaximumBlockBytes)
            {
                yield return block.ToArray();
                block.SetLength(0);
            }

            block.Write(bytes);
        }

        if (block.Length > 0)
        {
            yield return block.ToArray();
        }
    }
}
