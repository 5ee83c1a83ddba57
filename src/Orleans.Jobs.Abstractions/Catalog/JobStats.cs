namespace Orleans.Jobs;

/// <summary>Totals over a set of jobs (one job, or every job matching a filter such as a label).</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.JobStats")]
public sealed record JobStats
{
    /// <summary>How many jobs the totals cover.</summary>
    [Id(0)]
    public long Jobs { get; init; }

    /// <summary>Those jobs by status.</summary>
    [Id(1)]
    public IReadOnlyDictionary<JobLifecycle, long> JobsByStatus { get; init; } = new Dictionary<JobLifecycle, long>();

    /// <summary>Runs completed.</summary>
    [Id(2)]
    public long Completed { get; init; }

    /// <summary>Runs failed.</summary>
    [Id(3)]
    public long Failed { get; init; }

    /// <summary>Runs terminated.</summary>
    [Id(4)]
    public long Terminated { get; init; }

    /// <summary>Jobs reported unhealthy: no run completed within their <see cref="JobDefinition.SuccessWithin"/>.</summary>
    [Id(5)]
    public long Unhealthy { get; init; }

    /// <summary>Finished runs in all.</summary>
    public long Finished => Completed + Failed + Terminated;

    /// <summary>Completed runs as a share of finished ones (0–1); <see langword="null"/> when none finished.</summary>
    public double? SuccessRate => Finished == 0 ? null : (double)Completed / Finished;

    /// <summary>Adds one job's counts.</summary>
    public static JobStats Of(IEnumerable<JobCatalogEntry> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var list = jobs.ToList();
        return new JobStats
        {
            Jobs = list.Count,
            JobsByStatus = list.GroupBy(j => j.Status).ToDictionary(g => g.Key, g => (long)g.Count()),
            Completed = list.Sum(j => j.Completed),
            Failed = list.Sum(j => j.Failed),
            Terminated = list.Sum(j => j.Terminated),
            Unhealthy = list.Count(j => j.UnhealthySince is not null),
        };
    }
}
