namespace Orleans.Jobs;

/// <summary>An unknown job or run id.</summary>
[GenerateSerializer, Alias("Orleans.Jobs.JobNotFoundException")]
public sealed class JobNotFoundException : JobsException
{
    /// <summary>Creates the exception for a missing <paramref name="kind"/> (job or run) with <paramref name="id"/>.</summary>
    public JobNotFoundException(string kind, string id) : base($"Unknown {kind} id '{id}'.")
    {
        Kind = kind;
        Id = id;
    }

    /// <summary><c>job</c> or <c>run</c>.</summary>
    [Id(0)]
    public string Kind { get; }

    /// <summary>The id that was not found.</summary>
    [Id(1)]
    public string Id { get; }
}
