namespace Orleans.Jobs.Client;

/// <summary>Runs: one execution of a job each.</summary>
public sealed class RunOperations(IGrainFactory grains)
{
    /// <summary>Longest single wait a run grain accepts; longer waits are made of several.</summary>
    private static readonly TimeSpan _longestWait = TimeSpan.FromSeconds(20);

    /// <summary>The run's status: state, step, attempt, silo, last checkpoint, error.</summary>
    public Task<RunSnapshot> GetAsync(string runId, CancellationToken cancellationToken = default) =>
        Run(runId).GetStatusAsync().WaitAsync(cancellationToken);

    /// <summary>Waits until the run finishes (completed, failed or terminated) and returns its last status.</summary>
    public async Task<RunSnapshot> WaitForCompletionAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = Run(runId);
        while (true)
        {
            var snapshot = await run.WaitAsync(_longestWait).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (snapshot.IsFinished)
            {
                return snapshot;
            }
        }
    }

    /// <summary>Stops the run: the step in flight is cancelled and discarded; the reason is kept with the run.</summary>
    public Task<RunSnapshot> TerminateAsync(string runId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        JobDefinitionRules.ValidateReason(reason);
        return Run(runId).TerminateAsync(reason).WaitAsync(cancellationToken);
    }

    /// <summary>One page of runs matching <paramref name="query"/> (a job's runs, by status, by creation range).</summary>
    public Task<CatalogPage<RunCatalogEntry>> ListAsync(RunCatalogQuery? query = null, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IJobQueryGrain>(0).QueryRunsAsync(query ?? new RunCatalogQuery()).WaitAsync(cancellationToken);

    /// <summary>Up to <paramref name="take"/> lines of the run's log after the first <paramref name="skip"/>, in order.</summary>
    public Task<IReadOnlyList<RunLogLine>> GetLogsAsync(string runId, int skip = 0, int take = 100, CancellationToken cancellationToken = default)
    {
        JobIds.ParseRunId(runId);
        return grains.GetGrain<IJobQueryGrain>(0).ReadRunLogAsync(runId, skip, take).WaitAsync(cancellationToken);
    }

    /// <summary>The run's log lines as they are written, until the run has finished and every line was returned.</summary>
    public async IAsyncEnumerable<RunLogLine> FollowLogsAsync(string runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var run = Run(runId);
        var read = 0;
        while (true)
        {
            var snapshot = await run.WaitAsync(TimeSpan.FromMilliseconds(500)).WaitAsync(cancellationToken).ConfigureAwait(false);
            var lines = await GetLogsAsync(runId, read, 500, cancellationToken).ConfigureAwait(false);
            foreach (var line in lines)
            {
                yield return line;
            }

            read += lines.Count;
            if (snapshot.IsFinished && lines.Count == 0)
            {
                yield break;
            }
        }
    }

    private IRunGrain Run(string runId)
    {
        JobIds.ParseRunId(runId);
        return grains.Reference<IRunGrain>(runId);
    }
}
