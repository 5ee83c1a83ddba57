using Microsoft.Extensions.DependencyInjection;
using Orleans.Jobs.Events;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Webhooks;

namespace Orleans.Jobs.Results;

/// <summary>
/// Where a completed run's result goes: the silo's result sink (Blob by default), then each webhook sink the
/// definition names, as a signed delivery that is stored before its first attempt and retried on its own. Every
/// result that does not arrive is raised as <c>run.sink_failed</c>, so none is dropped silently.
/// </summary>
internal sealed class RunResultDelivery(IRunResultSink sink, JobEventPublisher events, IGrainFactory grains, [FromKeyedServices(JobsTime.Key)] TimeProvider time)
{
    /// <summary>Writes the result to the sink; a failure raises <c>run.sink_failed</c> and is rethrown (it fails the attempt).</summary>
    public async Task<string> WriteAsync(string runId, string jobId, JobDefinition definition, int attempt, JobCheckpoint completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(completed);
        var result = new RunResult
        {
            RunId = runId,
            JobId = jobId,
            Type = definition.Type,
            Attempt = attempt,
            Status = RunStatus.Completed,
            Result = completed.Result,
            CompletedAt = time.GetUtcNow(),
        };
        try
        {
            return await sink.WriteAsync(result, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await PublishSinkFailedAsync(result.RunId, result.JobId, definition, RunStatus.Running,
                $"Attempt {result.Attempt}: {exception.GetType().Name}: {exception.Message}");
            throw;
        }
    }

    /// <summary>
    /// Hands the result to each of the definition's webhook sinks; returns why each start that failed did, to be
    /// recorded on the run as a sink failure.
    /// </summary>
    public async Task<IReadOnlyList<string>> StartWebhookDeliveriesAsync(string runId, string jobId, JobDefinition definition, string? resultJson)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var delivery = events.Create(JobEventTypes.RunResult, jobId, definition.Type, $"Run {runId} completed.", runId, RunStatus.Completed) with { ResultJson = resultJson };
        var failures = new List<string>();
        foreach (var subscription in definition.ResultWebhooks)
        {
            try
            {
                await grains.GetGrain<IWebhookDeliveryGrain>($"{subscription}/{runId}/result").StartAsync(delivery);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failures.Add($"webhook sink {subscription}: the delivery could not be started: {exception.GetType().Name}: {exception.Message}");
            }
        }

        return failures;
    }

    /// <summary>Raises <c>run.sink_failed</c> for the run.</summary>
    public Task PublishSinkFailedAsync(string runId, string jobId, JobDefinition definition, RunStatus status, string reason)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return events.PublishAsync(events.Create(JobEventTypes.SinkFailed, jobId, definition.Type, reason, runId, status), definition.Labels);
    }
}
