namespace Orleans.Jobs.Services;

/// <summary>The <see cref="IJobNotifier"/> job code sees in a cluster: entries in the job's activity grain.</summary>
internal sealed class GrainJobNotifier(IGrainFactory grains, string jobId, string runId, TimeProvider time) : IJobNotifier
{
    public Task SuccessAsync(string activity, string title, string summary, CancellationToken cancellationToken = default) =>
        AddAsync(ActivityLevel.Success, activity, title, summary, cancellationToken);

    public Task WarningAsync(string activity, string title, string summary, CancellationToken cancellationToken = default) =>
        AddAsync(ActivityLevel.Warning, activity, title, summary, cancellationToken);

    public Task ErrorAsync(string activity, string title, string summary, CancellationToken cancellationToken = default) =>
        AddAsync(ActivityLevel.Error, activity, title, summary, cancellationToken);

    private Task AddAsync(ActivityLevel level, string activity, string title, string summary, CancellationToken cancellationToken) =>
        grains.GetGrain<IJobActivityWriterGrain>(jobId).AddAsync(new ActivityEntry
        {
            At = time.GetUtcNow(),
            Level = level,
            Activity = activity,
            Title = title,
            Summary = summary,
            RunId = runId,
        }).WaitAsync(cancellationToken);
}
