namespace Orleans.Jobs;

/// <summary>A run's work items as its job reports them: how many are done and how many are still to do.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.RunProgress")]
public sealed record RunProgress
{
    /// <summary>Items done.</summary>
    [Id(0)]
    public long Completed { get; init; }

    /// <summary>Items still to do, as far as the job knows (a job may discover more as it runs).</summary>
    [Id(1)]
    public long Pending { get; init; }

    /// <summary>Of <see cref="Pending"/>, the items running now (payload runs).</summary>
    [Id(2)]
    public long Running { get; init; }

    /// <summary>Of <see cref="Pending"/>, the items waiting out a retry backoff (payload runs).</summary>
    [Id(3)]
    public long Retrying { get; init; }

    /// <summary>Items that failed for good (payload runs); not counted in <see cref="Completed"/> or <see cref="Pending"/>.</summary>
    [Id(4)]
    public long Failed { get; init; }

    /// <summary>Items known in all.</summary>
    public long Total => Completed + Pending + Failed;
}
