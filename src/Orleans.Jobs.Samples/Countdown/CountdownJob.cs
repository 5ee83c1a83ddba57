using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Samples.Countdown;

/// <summary>
/// A job of <c>steps</c> steps of <c>stepMs</c> milliseconds each (parameters; defaults 10 and 500) that records which
/// process performed every step. For demos and failover tests: after a silo dies, the checkpoint shows which steps were
/// committed where, and that each ran once. With <c>failAtStep</c>, that step throws on the run's first
/// <c>failAttempts</c> attempts (default 1), to show retries. Each performed step is also told to the
/// <see cref="ICountdownWitness"/>.
/// </summary>
public sealed class CountdownJob(ICountdownWitness witness) : Job<CountdownState>
{
    /// <summary>The registered name of this job type.</summary>
    public const string TypeName = "countdown";

    /// <inheritdoc />
    public override Task<JobStatus<CountdownState>> PrepareAsync(
        JobParameters parameters, JobStatus<CountdownState>? resumeFrom, CancellationToken cancellationToken)
    {
        if (resumeFrom is not null)
        {
            Context.Logger.LogInformation("Resuming the countdown after step {Step} in process {ProcessId}", resumeFrom.State.Done.Count, Environment.ProcessId);
        }

        return Task.FromResult(resumeFrom ?? JobStatus.Start(new CountdownState()));
    }

    /// <inheritdoc />
    public override async Task<JobStatus<CountdownState>> PerformAsync(JobStatus<CountdownState> status, CancellationToken cancellationToken)
    {
        var steps = Context.Parameters.Get("steps", 10);
        var done = status.State.Done;
        if (done.Count >= steps)
        {
            return status.Complete(new { steps = done.Count, processes = done.Select(s => s.ProcessId).Distinct().ToArray() });
        }

        await Task.Delay(TimeSpan.FromMilliseconds(Context.Parameters.Get("stepMs", 500)), Context.Time, cancellationToken);
        if (Context.Parameters.Get<int?>("failAtStep") == done.Count + 1 && Context.Attempt <= Context.Parameters.Get("failAttempts", 1))
        {
            throw new InvalidOperationException($"Step {done.Count + 1} fails on attempt {Context.Attempt}, as the parameters ask.");
        }

        var execution = Guid.NewGuid().ToString("N");
        await witness.RecordAsync(Context.RunId, done.Count + 1, Context.Attempt, Environment.ProcessId, execution, cancellationToken);
        done.Add(new CountdownStep(done.Count + 1, Environment.ProcessId, execution));
        Context.Logger.LogInformation("Step {Step} of {Steps} done in process {ProcessId}", done.Count, steps, Environment.ProcessId);
        return status.WithProgress(done.Count, steps - done.Count);
    }
}
