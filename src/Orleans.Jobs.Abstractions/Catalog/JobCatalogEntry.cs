namespace Orleans.Jobs;

/// <summary>A job as the catalog lists it: enough to filter and show, not the whole definition.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.JobCatalogEntry")]
public sealed record JobCatalogEntry
{
    /// <summary>The job id.</summary>
    [Id(0)]
    public required string JobId { get; init; }

    /// <summary>The job type's name.</summary>
    [Id(1)]
    public required string Type { get; init; }

    /// <summary>The job's status.</summary>
    [Id(2)]
    public required JobLifecycle Status { get; init; }

    /// <summary>The job's labels.</summary>
    [Id(3)]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>When the job was created.</summary>
    [Id(4)]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the entry last changed.</summary>
    [Id(5)]
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The definition's version.</summary>
    [Id(6)]
    public long Version { get; init; }

    /// <summary>The job's generation.</summary>
    [Id(7)]
    public long Generation { get; init; }

    /// <summary>Final status of the most recent finished run.</summary>
    [Id(8)]
    public RunStatus? LastRunStatus { get; init; }

    /// <summary>When the most recent run finished.</summary>
    [Id(9)]
    public DateTimeOffset? LastRunAt { get; init; }

    /// <summary>Runs completed in the job's current generation.</summary>
    [Id(10)]
    public long Completed { get; init; }

    /// <summary>Runs failed in the job's current generation.</summary>
    [Id(11)]
    public long Failed { get; init; }

    /// <summary>Runs terminated in the job's current generation.</summary>
    [Id(12)]
    public long Terminated { get; init; }

    /// <summary>Since when the job is unhealthy (no success within its window), as last reported; null when it is not.</summary>
    [Id(13)]
    public DateTimeOffset? UnhealthySince { get; init; }
}
