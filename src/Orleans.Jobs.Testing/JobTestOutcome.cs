using System.Text.Json;

namespace Orleans.Jobs.Testing;

/// <summary>What happened when a <see cref="JobTestRunner{TJob}"/> ran a job.</summary>
public sealed record JobTestOutcome
{
    /// <summary>True when the job reported complete.</summary>
    public required bool Completed { get; init; }

    /// <summary>The result the job completed with, if any.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>Perform steps committed (a step lost to an eviction does not count).</summary>
    public required long Steps { get; init; }

    /// <summary>Perform calls made, including the ones whose checkpoint an eviction lost.</summary>
    public required long PerformCalls { get; init; }

    /// <summary>Prepare calls: one for the fresh start plus one per eviction.</summary>
    public required int Prepares { get; init; }

    /// <summary>Evictions forced.</summary>
    public required int Evictions { get; init; }

    /// <summary>Every committed checkpoint, in order.</summary>
    public required IReadOnlyList<JobCheckpoint> Checkpoints { get; init; }

    /// <summary>Lines the job wrote to its run logger.</summary>
    public required IReadOnlyList<RunLogLine> Logs { get; init; }

    /// <summary>The last committed state read as <typeparamref name="TState"/>.</summary>
    public TState ReadState<TState>() =>
        Checkpoints.Count == 0
            ? throw new InvalidOperationException("No checkpoint was committed.")
            : Checkpoints[^1].State.Deserialize<TState>(JobJson.Options)!;
}
