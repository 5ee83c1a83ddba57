using Orleans.Jobs.Storage;
using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Jobs.Tests.Unit;

public sealed class InMemoryGrainStorageTests
{
    private sealed class Counter
    {
        public int Value { get; set; }
    }

    private sealed class GrainState<T> : IGrainState<T> where T : new()
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public T State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }

    private readonly InMemoryGrainStorage _storage = new(new InMemoryJobsStore(), new JsonGrainStateSerializer());
    private readonly GrainId _grain = GrainId.Create("run", "job/1/manual-a");

    [Fact]
    public async Task Write_ChangesETagEveryTime_AndReadsBack()
    {
        var state = new GrainState<Counter> { State = { Value = 1 } };
        await _storage.WriteStateAsync("run", _grain, state);
        var first = state.ETag;
        state.State.Value = 2;
        await _storage.WriteStateAsync("run", _grain, state);

        var read = new GrainState<Counter>();
        await _storage.ReadStateAsync("run", _grain, read);

        Assert.NotNull(first);
        Assert.NotEqual(first, state.ETag);
        Assert.Equal(state.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(2, read.State.Value);
    }

    [Fact]
    public async Task Write_WithStaleETag_IsRefusedAndStoredStateSurvives()
    {
        var writer = new GrainState<Counter> { State = { Value = 1 } };
        await _storage.WriteStateAsync("run", _grain, writer);
        var stale = new GrainState<Counter> { ETag = writer.ETag, State = { Value = 99 } };
        writer.State.Value = 2;
        await _storage.WriteStateAsync("run", _grain, writer);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("run", _grain, stale));
        var madeUp = new GrainState<Counter> { ETag = "made-up", State = { Value = 98 } };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("run", _grain, madeUp));

        var read = new GrainState<Counter>();
        await _storage.ReadStateAsync("run", _grain, read);
        Assert.Equal(2, read.State.Value);
    }

    [Fact]
    public async Task Write_WithoutETagOverExistingState_IsRefused()
    {
        await _storage.WriteStateAsync("run", _grain, new GrainState<Counter> { State = { Value = 1 } });
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            _storage.WriteStateAsync("run", _grain, new GrainState<Counter> { State = { Value = 2 } }));
    }

    [Fact]
    public async Task Clear_RemovesStateAndAllowsInsertAgain()
    {
        var state = new GrainState<Counter> { State = { Value = 5 } };
        await _storage.WriteStateAsync("run", _grain, state);
        await _storage.ClearStateAsync("run", _grain, state);

        var read = new GrainState<Counter>();
        await _storage.ReadStateAsync("run", _grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0, read.State.Value);
        await _storage.ClearStateAsync("run", _grain, state);
        await _storage.WriteStateAsync("run", _grain, new GrainState<Counter> { State = { Value = 6 } });
    }
}
