namespace Orleans.Jobs.Benchmarks.Systems;

/// <summary>One Prepare and two Performs, each checkpointed by the engine; the second completes and counts the run.</summary>
internal sealed class ThreeStepJob : Job<ThreeStepJob.Progress>
{
    public const string TypeName = "bench_three_steps";

    public override Task<JobStatus<Progress>> PrepareAsync(JobParameters parameters, JobStatus<Progress>? resumeFrom, CancellationToken cancellationToken)
    {
        WorkLedger.Started(Context.RunId);
        return Task.FromResult(resumeFrom ?? JobStatus.Start(new Progress()));
    }

    public override Task<JobStatus<Progress>> PerformAsync(JobStatus<Progress> status, CancellationToken cancellationToken)
    {
        status.State.Performed++;
        if (status.State.Performed < 2)
        {
            return Task.FromResult(status);
        }

        WorkLedger.Finished(Context.RunId);
        WorkLedger.Executed();
        return Task.FromResult(status.Complete());
    }

    public sealed class Progress
    {
        public int Performed { get; set; }
    }
}
