namespace Orleans.Jobs;

/// <summary>
/// One run of a job. Keyed by the run id; its persisted state is the checkpoint. Runs are started by their job (a
/// fire, a trigger, a backfill); what only the engine may call is on an interface of the runtime.
/// </summary>
[Alias("Orleans.Jobs.IRunGrain")]
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>The run's runtime status; answers promptly even while a step is in flight.</summary>
    [Alias("GetStatus")]
    Task<RunSnapshot> GetStatusAsync();

    /// <summary>Returns when the run finishes or after <paramref name="maximumWait"/> (at most 20 s), whichever is first.</summary>
    [Alias("Wait")]
    Task<RunSnapshot> WaitAsync(TimeSpan maximumWait);

    /// <summary>Pauses the run between steps: the step in flight finishes and is checkpointed; no further step starts.</summary>
    [Alias("Pause")]
    Task<RunSnapshot> PauseAsync();

    /// <summary>Resumes a paused run.</summary>
    [Alias("Resume")]
    Task<RunSnapshot> ResumeAsync();

    /// <summary>Terminates the run: the step in flight is cancelled and its result discarded.</summary>
    [Alias("Terminate")]
    Task<RunSnapshot> TerminateAsync(string? reason);
}
