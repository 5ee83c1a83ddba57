namespace Orleans.Jobs.Samples.Countdown;

/// <summary>Records nothing: the countdown's default.</summary>
public sealed class NoCountdownWitness : ICountdownWitness
{
    /// <inheritdoc />
    public Task RecordAsync(string runId, int step, int attempt, int processId, string execution, CancellationToken cancellationToken) => Task.CompletedTask;
}
