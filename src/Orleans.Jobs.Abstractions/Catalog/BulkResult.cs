namespace Orleans.Jobs;

/// <summary>What a bulk operation touched, or with a dry run would touch.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.BulkResult")]
public sealed record BulkResult
{
    /// <summary>Whether this was a dry run (nothing changed).</summary>
    [Id(0)]
    public bool DryRun { get; init; }

    /// <summary>Jobs the filter matched.</summary>
    [Id(1)]
    public long Matched { get; init; }

    /// <summary>Jobs the action applied to (or would apply to), by id.</summary>
    [Id(2)]
    public IReadOnlyList<string> Affected { get; init; } = [];

    /// <summary>Jobs where the action failed, with the reason.</summary>
    [Id(3)]
    public IReadOnlyDictionary<string, string> Failures { get; init; } = new Dictionary<string, string>();

    /// <summary>How many jobs the action applied to.</summary>
    public int Count => Affected.Count;
}
