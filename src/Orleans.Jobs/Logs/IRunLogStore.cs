namespace Orleans.Jobs.Logs;

/// <summary>Run logs: lines appended in order per run, read back from any position.</summary>
public interface IRunLogStore
{
    /// <summary>Appends <paramref name="lines"/> to the run's log, after the lines already there.</summary>
    Task AppendAsync(string runId, IReadOnlyList<RunLogLine> lines, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="take"/> lines after the first <paramref name="skip"/>.</summary>
    Task<IReadOnlyList<RunLogLine>> ReadAsync(string runId, int skip, int take, CancellationToken cancellationToken);
}
