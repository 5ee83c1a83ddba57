namespace Orleans.Jobs.Samples.Countdown;

/// <summary>
/// Where a countdown records each step as it performs it, outside the engine: the side effect a checkpoint must never
/// let happen twice. Failover and chaos tests compare these records with the committed checkpoints.
/// </summary>
public interface ICountdownWitness
{
    /// <summary>
    /// Records that <paramref name="processId"/> performed <paramref name="step"/> of <paramref name="runId"/> on
    /// <paramref name="attempt"/>; <paramref name="execution"/> names this performance, as the checkpoint records it.
    /// </summary>
    Task RecordAsync(string runId, int step, int attempt, int processId, string execution, CancellationToken cancellationToken);
}
