using Orleans.Storage;

namespace Orleans.Jobs.Tests.Conformance;

/// <summary>An <see cref="IGrainState{T}"/> as a grain's persistent state hands it to a storage provider.</summary>
internal sealed class TestGrainState<T> : IGrainState<T> where T : new()
{
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public T State { get; set; } = new();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}

/// <summary>A small state with room for a large payload.</summary>
internal sealed class CounterState
{
    public int Value { get; set; }

    public string Payload { get; set; } = string.Empty;
}
