using System.Collections.Concurrent;

namespace Orleans.Jobs.Sinks;

/// <summary>Results kept in this process's memory, by run id; references are <c>memory://{runId}</c>.</summary>
public sealed class InMemoryRunResultSink : IRunResultSink
{
    private readonly ConcurrentDictionary<string, RunResult> _results = new(StringComparer.Ordinal);

    /// <summary>The stored results, by run id.</summary>
    public IReadOnlyDictionary<string, RunResult> Results => _results;

    /// <inheritdoc />
    public Task<string> WriteAsync(RunResult result, CancellationToken cancellationToken)
    {
        _results[result.RunId] = result;
        return Task.FromResult($"memory://{result.RunId}");
    }
}
