using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Runs;

/// <summary>A failed run, retried by request: one attempt more than its policy gave it.</summary>
internal sealed partial class RunGrain : IRunRetry
{
    public async Task<RunSnapshot> RetryAsync(TimeSpan delay)
    {
        EnsureExists();
        await _writeGate.WaitAsync();
        try
        {
            if (State.Status != RunStatus.Failed)
            {
                throw new JobConflictException($"Run '{RunId}' is {State.Status.ToString().ToLowerInvariant()}; only a failed run can be retried.");
            }

            State.Status = RunStatus.Retrying;
            State.RetryAt = _time.GetUtcNow() + delay;
            State.FinishedAt = null;
            await Task.WhenAll(WriteStateOrThrowAsync(), RegisterKeepAliveAsync());
        }
        finally
        {
            _writeGate.Release();
        }

        // Waiters from now on wait for the new attempt's end.
        _finished = null;
        LogRetryRequested(_logger, RunId, State.RetryAt!.Value);
        _runLogger?.Note(LogLevel.Information, $"Retry requested: attempt {State.Attempt + 1} starts at {State.RetryAt:O} from step {State.Step}.");
        await AfterTransitionAsync();
        return Snapshot();
    }
}
