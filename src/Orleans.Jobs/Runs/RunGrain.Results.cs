using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Runs;

/// <summary>A completed run's result: to the sink before the completing commit, to webhook sinks after it.</summary>
internal sealed partial class RunGrain
{
    public async Task RecordSinkFailureAsync(string reason)
    {
        EnsureExists();
        await ApplyAsync(new RunEvent.SinkFailed(reason));
    }

    /// <summary>Writes the result to the sink; a failure raises <c>run.sink_failed</c> and fails the attempt.</summary>
    private async Task<string> WriteResultAsync(JobCheckpoint completed)
    {
        try
        {
            return await _results.WriteAsync(RunId, State.JobId, Definition, State.Attempt, completed, _activationCancellation.Token);
        }
        catch (Exception exception) when (!_stale && exception is not OperationCanceledException)
        {
            _runLogger.Note(LogLevel.Error, $"The result could not be written to the sink: {exception.GetType().Name}: {exception.Message}");
            throw;
        }
    }

    /// <summary>
    /// Hands a completed run's result to each webhook sink's delivery (stored before its first attempt, retried on
    /// its own). A start that fails is recorded as a sink failure, so no result is dropped silently.
    /// </summary>
    private async Task StartResultDeliveriesAsync()
    {
        if (!State.ResultWebhooksPending || _stale)
        {
            return;
        }

        var failures = await _results.StartWebhookDeliveriesAsync(RunId, State.JobId, Definition, State.Checkpoint?.Result?.GetRawText());
        await ApplyAsync(new RunEvent.ResultDeliveriesStarted(failures));
    }
}
