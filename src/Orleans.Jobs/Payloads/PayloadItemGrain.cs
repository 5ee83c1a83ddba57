using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Logs;
using Orleans.Jobs.Runs;
using Orleans.Placement;

namespace Orleans.Jobs.Payloads;

/// <summary>
/// One attempt of one payload item. Placed at random, so a run's items spread over the silos. The item's job type
/// runs from Prepare to Complete in memory (sleeps are awaited), bounded by the item timeout; job code runs on the
/// thread pool. The activation goes away once the attempt has answered.
/// </summary>
[RandomPlacement]
internal sealed partial class PayloadItemGrain(
    JobTypeRegistry jobTypes,
    IServiceProvider services,
    HttpItemRunner http,
    [FromKeyedServices(JobsTime.Key)] TimeProvider time,
    ILocalSiloDetails silo,
    ILoggerFactory loggers) : Grain, IPayloadItemGrain
{
    /// <summary>Results longer than this (as JSON) are replaced by a note saying so.</summary>
    public const int MaximumResultBytes = 64 * 1024;

    private readonly ILogger _logger = loggers.CreateLogger<PayloadItemGrain>();

    public async Task<PayloadItemOutcome> ExecuteAsync(PayloadItemRequest request, CancellationToken cancellationToken)
    {
        var item = new PayloadItemContext(request);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(request.Timeout);
        try
        {
            var result = request.Item.Type == PayloadTypes.Http
                ? await Task.Run(() => http.RunAsync(request.Item.Parameters, bounded.Token), bounded.Token)
                : await RunJobAsync(request, item, bounded.Token);
            return new PayloadItemOutcome { Succeeded = true, ResultJson = Serialize(result), Silo = silo.SiloAddress.ToString(), Added = item.Added };
        }
        catch (Exception exception) when (exception is OperationCanceledException && bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed(new TimeoutException($"the item did not finish within its timeout of {request.Timeout}."), request);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogItemFailed(_logger, exception, request.RunId, request.Index, request.Attempt);
            return Failed(exception, request);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }

    private async Task<object?> RunJobAsync(PayloadItemRequest request, PayloadItemContext item, CancellationToken cancellationToken)
    {
        if (request.Item.Type == PayloadTypes.Payload)
        {
            throw new NonRetryableJobException($"an item cannot be a payload itself (run {request.RunId}, item {request.Index}).");
        }

        var work = new JobWork(request.JobId, request.RunId, $"item-{request.Index}", time.GetUtcNow(), request.Item.Parameters, request.Attempt);
        var logger = new RunLogger(loggers.CreateLogger("Orleans.Jobs.PayloadItem"), time, () => request.Attempt);
        var context = JobContext.InCluster(GrainFactory, work, logger, time, cancellationToken, payloadItem: item);
        await using var invocation = JobInvocation.Create(services, jobTypes, request.Item.Type, silo.SiloAddress.ToString(), context);
        var result = StepResult.Read(await Task.Run(() => invocation.PrepareAsync(null, cancellationToken), cancellationToken), time.GetUtcNow());
        while (!result.Complete)
        {
            // An item runs from Prepare to Complete in memory: its sleeps are awaited here.
            if (result.WaitAt(time.GetUtcNow()) is var wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            var current = result.Checkpoint;
            result = StepResult.Read(await Task.Run(() => invocation.PerformAsync(current, cancellationToken), cancellationToken), time.GetUtcNow());
        }

        return result.Checkpoint.Result;
    }

    private PayloadItemOutcome Failed(Exception exception, PayloadItemRequest request) => new()
    {
        Succeeded = false,
        Silo = silo.SiloAddress.ToString(),
        Error = RunErrors.From(exception, request.Attempt, time.GetUtcNow()),
    };

    private static string? Serialize(object? result)
    {
        if (result is null)
        {
            return null;
        }

        var json = result is JsonElement element ? element.GetRawText() : JsonSerializer.Serialize(result, result.GetType(), JobJson.Options);
        return json.Length <= MaximumResultBytes
            ? json
            : JsonSerializer.Serialize(new { truncated = true, bytes = json.Length, limit = MaximumResultBytes }, JobJson.Options);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payload run {RunId}: item {Index} attempt {Attempt} failed.")]
    private static partial void LogItemFailed(ILogger logger, Exception exception, string runId, int index, int attempt);
}
