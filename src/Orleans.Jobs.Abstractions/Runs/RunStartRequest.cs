namespace Orleans.Jobs;

/// <summary>What a job grain hands a run grain to start a run: the occurrence and a snapshot of the definition.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.RunStartRequest")]
public sealed record RunStartRequest
{
    /// <summary>The job's generation (grows when the id is deleted and created again).</summary>
    [Id(0)]
    public required long Generation { get; init; }

    /// <summary>The occurrence: a fire time or <c>manual-{key}</c>.</summary>
    [Id(1)]
    public required string Occurrence { get; init; }

    /// <summary>The scheduled fire time, or the trigger time of a manual run.</summary>
    [Id(2)]
    public required DateTimeOffset OccurrenceTime { get; init; }

    /// <summary>The definition the run starts with; later updates to the job do not change a started run.</summary>
    [Id(3)]
    public required JobDefinition Definition { get; init; }

    /// <summary>Parameters for this run, replacing the definition's; null keeps the definition's.</summary>
    [Id(4)]
    public JobParameters? Parameters { get; init; }

    /// <summary>The W3C trace parent of the span that started the run; the run's step spans are its children.</summary>
    [Id(5)]
    public string? TraceParent { get; init; }
}
