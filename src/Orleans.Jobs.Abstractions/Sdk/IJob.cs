namespace Orleans.Jobs;

/// <summary>
/// The engine's view of a job type: Prepare and Perform over a JSON checkpoint.
/// Job authors normally derive from <see cref="Job{TState}"/>, which implements this over a typed state.
/// </summary>
public interface IJob
{
    /// <summary>Gives the job its run context. Called once per job instance, before Prepare.</summary>
    void Bind(IJobContext context);

    /// <summary>
    /// Called when a run starts (<paramref name="resumeFrom"/> is null) and again whenever it resumes on a new
    /// activation or attempt (<paramref name="resumeFrom"/> is the last committed checkpoint).
    /// </summary>
    Task<JobCheckpoint> PrepareAsync(JobParameters parameters, JobCheckpoint? resumeFrom, CancellationToken cancellationToken);

    /// <summary>Does one small unit of work (well under the step deadline) and returns the next checkpoint.</summary>
    Task<JobCheckpoint> PerformAsync(JobCheckpoint current, CancellationToken cancellationToken);
}
