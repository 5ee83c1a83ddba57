using System.Collections.Concurrent;

namespace Orleans.Jobs.Results;

/// <summary>Results kept in this process's memory, by run id; references are <c>memory://{runId}</c>.</summary>
public sealed class InMemoryRunResultSink : IRunResultSink
{
    private readonly ConcurrentDictionary<string, RunResult> _results = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _rejectOnce = new(StringComparer.Ordinal);

    /// <summary>The stored results, by run id.</summary>
    public IReadOnlyDictionary<string, RunResult> Results => _results;

    /// <summary>Makes the next write of a result of <paramref name="jobId"/> fail, as a storage outage would (for tests).</summary>
    public void RejectOnce(string jobId) => _rejectOnce[jobId] = true;

    /// <inheritdoc />
    public Task<string> WriteAsync(RunResult result, CancellationToken cancellationToken)
    {
        if (_rejectOnce.TryRemove(result.JobId, out _))
        {
            throw new IOException($"The in-memory sink rejected the result of {result.RunId} (a fault a test asked for).");
        }

        _results[result.RunId] = result;
        return Task.FromResult($"memory://{result.RunId}");
    }
}
