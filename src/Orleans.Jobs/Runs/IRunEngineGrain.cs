using Orleans.Concurrency;

namespace Orleans.Jobs.Runs;

/// <summary>
/// The calls to a run that only the engine makes: its job starts it and retries it; a webhook sink's delivery records
/// that it gave the result up; a run whose silo stops hands itself over. Clients reach runs through
/// <see cref="IRunGrain"/> and their job.
/// </summary>
[Alias("Orleans.Jobs.Runs.IRunEngineGrain")]
internal interface IRunEngineGrain : IGrainWithStringKey
{
    /// <summary>Starts the run; a run that already exists is returned as it is (a fire delivered twice starts one run).</summary>
    [Alias("Start")]
    Task<RunSnapshot> StartAsync(RunStartRequest request);

    /// <summary>
    /// Gives a failed run one more attempt after <paramref name="delay"/>, from its last checkpoint, with the same run
    /// id; <see cref="JobConflictException"/> when the run has not failed. Clients retry through
    /// <see cref="IJobGrain.RetryAsync"/>.
    /// </summary>
    [Alias("Retry")]
    Task<RunSnapshot> RetryAsync(TimeSpan delay);

    /// <summary>Records that a webhook sink gave up delivering the run's result, and raises <c>run.sink_failed</c>.</summary>
    [Alias("RecordSinkFailure")]
    Task RecordSinkFailureAsync(string reason);

    /// <summary>
    /// Activates the run, which goes on from its last checkpoint: sent by an active run's activation to itself as its
    /// silo stops, so the message reaches a new activation on a silo that stays.
    /// </summary>
    [OneWay]
    [Alias("Wake")]
    Task WakeAsync();
}
