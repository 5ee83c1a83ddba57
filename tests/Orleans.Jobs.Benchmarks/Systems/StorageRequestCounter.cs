using Azure.Core;
using Azure.Core.Pipeline;

namespace Orleans.Jobs.Benchmarks.Systems;

/// <summary>Counts the requests the Azure SDK sends (each retry too): writes (PUT, POST, PATCH, MERGE, DELETE) and reads.</summary>
internal sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _writes;
    private long _reads;

    public long Writes => Interlocked.Read(ref _writes);

    public long Reads => Interlocked.Read(ref _reads);

    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get || message.Request.Method == RequestMethod.Head)
        {
            Interlocked.Increment(ref _reads);
        }
        else
        {
            Interlocked.Increment(ref _writes);
        }
    }
}
