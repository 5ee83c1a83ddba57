namespace Orleans.Jobs.Runs;

/// <summary>The run's control API: start, status, wait, pause, resume, terminate and the retry of a failed run.</summary>
internal sealed partial class RunGrain
{
    private static readonly TimeSpan _longestWait = TimeSpan.FromSeconds(20);

    private TaskCompletionSource? _finished;

    public async Task<RunSnapshot> StartAsync(RunStartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_state.RecordExists)
        {
            var expected = JobIds.RunId(request.Definition.Id, request.Generation, request.Occurrence);
            if (!string.Equals(expected, RunId, StringComparison.Ordinal))
            {
                throw new JobValidationException("runId", $"run grain '{RunId}' was asked to start run '{expected}'.");
            }
        }

        // The run as the start left it: its first step may be done (even the run) by the time the keep-alive has
        // landed, and the job hears of that through its report, after this answer.
        var started = await ApplyAsync(new RunEvent.Start(request));
        return Snapshot(started.State);
    }

    public Task<RunSnapshot> GetStatusAsync()
    {
        EnsureExists();
        return Task.FromResult(Snapshot());
    }

    public async Task<RunSnapshot> WaitAsync(TimeSpan maximumWait)
    {
        EnsureExists();
        if (!State.Status.IsFinished() && maximumWait > TimeSpan.Zero)
        {
            _finished ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var wait = maximumWait < _longestWait ? maximumWait : _longestWait;
            await Task.WhenAny(_finished.Task, Task.Delay(wait, _time));
        }

        return Snapshot();
    }

    public async Task<RunSnapshot> PauseAsync()
    {
        EnsureExists();
        if ((await ApplyAsync(new RunEvent.Pause())).Write != RunWrite.None)
        {
            LogPaused(_logger, RunId);
        }

        return Snapshot();
    }

    public async Task<RunSnapshot> ResumeAsync()
    {
        EnsureExists();
        if ((await ApplyAsync(new RunEvent.Resume())).Write != RunWrite.None)
        {
            LogResumed(_logger, RunId);
        }

        return Snapshot();
    }

    public async Task<RunSnapshot> TerminateAsync(string? reason)
    {
        JobDefinitionRules.ValidateReason(reason);
        EnsureExists();
        await ApplyAsync(new RunEvent.Terminate(reason));
        LogTerminated(_logger, RunId, State.TerminationReason);
        return Snapshot();
    }

    /// <summary>A failed run, retried by request: one attempt more than its policy gave it.</summary>
    public async Task<RunSnapshot> RetryAsync(TimeSpan delay)
    {
        EnsureExists();
        await ApplyAsync(new RunEvent.Retry(delay));
        LogRetryRequested(_logger, RunId, State.RetryAt ?? _time.GetUtcNow());
        return Snapshot();
    }
}
