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

    /// <summary>Items known in all.</summary>
    public long Total => Completed + Pending;
}
