namespace Orleans.Jobs;

/// <summary>A run as the catalog lists it.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.RunCatalogEntry")]
public sealed record RunCatalogEntry
{
    /// <summary>The run id.</summary>
    [Id(0)]
    public required string RunId { get; init; }

    /// <summary>The job id.</summary>
    [Id(1)]
    public required string JobId { get; init; }

    /// <summary>The job type's name.</summary>
    [Id(2)]
    public required string Type { get; init; }

    /// <summary>The run's status when the entry was written.</summary>
    [Id(3)]
    public required RunStatus Status { get; init; }

    /// <summary>The attempt.</summary>
    [Id(4)]
    public int Attempt { get; init; }

    /// <summary>Steps committed.</summary>
    [Id(5)]
    public long Steps { get; init; }

    /// <summary>When the run was accepted.</summary>
    [Id(6)]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the run finished.</summary>
    [Id(7)]
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The last error message, if any.</summary>
    [Id(8)]
    public string? Error { get; init; }

    /// <summary>The catalog row of a run, from its snapshot.</summary>
    public static RunCatalogEntry Of(RunSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunCatalogEntry
        {
            RunId = run.RunId,
            JobId = run.JobId,
            Type = run.Type,
            Status = run.Status,
            Attempt = run.Attempt,
            Steps = run.Step,
            CreatedAt = run.CreatedAt,
            FinishedAt = run.FinishedAt,
            Error = run.Error?.Message,
        };
    }
}
