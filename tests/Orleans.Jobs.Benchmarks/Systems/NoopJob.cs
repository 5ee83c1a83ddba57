namespace Orleans.Jobs.Benchmarks.Systems;

/// <summary>
/// Orleans.Jobs' no-op: Prepare notes when the run began (and how late, for a scheduled fire), one Perform counts the
/// execution and completes.
/// </summary>
internal sealed class NoopJob : Job<NoopJob.Nothing>
{
    public const string TypeName = "bench_noop";

    public override Task<JobStatus<Nothing>> PrepareAsync(JobParameters parameters, JobStatus<Nothing>? resumeFrom, CancellationToken cancellationToken)
    {
        WorkLedger.Started(Context.RunId);
        if (!Context.Occurrence.StartsWith("manual-", StringComparison.Ordinal))
        {
            WorkLedger.Fired(Context.JobId, Context.OccurrenceTime, Context.Time.GetUtcNow());
        }

        return Task.FromResult(resumeFrom ?? JobStatus.Start(new Nothing()));
    }

    public override Task<JobStatus<Nothing>> PerformAsync(JobStatus<Nothing> status, CancellationToken cancellationToken)
    {
        WorkLedger.Executed();
        return Task.FromResult(status.Complete());
    }

    public sealed class Nothing;
}
