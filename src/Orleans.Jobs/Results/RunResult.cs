using System.Text.Json;

namespace Orleans.Jobs.Results;

/// <summary>What a completed run hands its sink.</summary>
public sealed record RunResult
{
    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>The job id.</summary>
    public required string JobId { get; init; }

    /// <summary>The job type's name.</summary>
    public required string Type { get; init; }

    /// <summary>The attempt that completed.</summary>
    public required int Attempt { get; init; }

    /// <summary>The run's final status.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>The job's result, or null when it returned none.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>When the run completed (UTC).</summary>
    public required DateTimeOffset CompletedAt { get; init; }
}
