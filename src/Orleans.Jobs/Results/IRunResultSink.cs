namespace Orleans.Jobs.Results;

/// <summary>Where completed runs' results go. Writes are keyed by run id, so writing a result again replaces it.</summary>
public interface IRunResultSink
{
    /// <summary>Stores <paramref name="result"/> and returns a reference to it (a URI or key).</summary>
    Task<string> WriteAsync(RunResult result, CancellationToken cancellationToken);
}
