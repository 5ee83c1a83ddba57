namespace Orleans.Jobs.Logs;

/// <summary>Run logs in this process's memory.</summary>
public sealed class InMemoryRunLogStore : IRunLogStore
{
    private readonly Dictionary<string, List<RunLogLine>> _logs = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task AppendAsync(string runId, IReadOnlyList<RunLogLine> lines, CancellationToken cancellationToken)
    {
        lock (_logs)
        {
            if (!_logs.TryGetValue(runId, out var log))
            {
                _logs[runId] = log = [];
            }

            log.AddRange(lines);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunLogLine>> ReadAsync(string runId, int skip, int take, CancellationToken cancellationToken)
    {
        lock (_logs)
        {
            IReadOnlyList<RunLogLine> lines = _logs.TryGetValue(runId, out var log) ? [.. log.Skip(skip).Take(take)] : [];
            return Task.FromResult(lines);
        }
    }
}
