namespace Orleans.Jobs.Runs;

/// <summary>The job grain's call to start a failed run again (clients retry through <see cref="IJobGrain.RetryAsync"/>).</summary>
[Alias("Orleans.Jobs.Execution.IRunRetry")]
internal interface IRunRetry : IGrainWithStringKey
{
    /// <summary>
    /// Gives a failed run one more attempt after <paramref name="delay"/>, from its last checkpoint, with the same run
    /// id; <see cref="JobConflictException"/> when the run has not failed.
    /// </summary>
    [Alias("Retry")]
    Task<RunSnapshot> RetryAsync(TimeSpan delay);
}
