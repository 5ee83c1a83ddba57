using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Jobs.Tests.Conformance;

/// <summary>
/// The Orleans grain storage contract, as Orleans' own provider suites check it: every write changes the ETag and reads
/// back; a first write only inserts; stale or made-up ETags are refused and leave the stored state intact; of concurrent
/// writers holding one ETag exactly one wins; clear removes the record, twice is fine, and insert works again; keys with
/// awkward characters and large states round-trip; state names of one grain are separate records.
/// </summary>
public abstract class GrainStorageConformance
{
    private readonly GrainId _grain = GrainId.Create("run", $"job/1/{Guid.NewGuid():N}");

    /// <summary>The provider under test, ready to use.</summary>
    protected abstract Task<IGrainStorage> StorageAsync();

    private async Task<TestGrainState<CounterState>> ReadAsync(IGrainStorage storage, GrainId? grain = null, string stateName = "run")
    {
        var state = new TestGrainState<CounterState>();
        await storage.ReadStateAsync(stateName, grain ?? _grain, state);
        return state;
    }

    [Fact]
    public async Task Read_Missing_IsEmptyWithoutETag()
    {
        var read = await ReadAsync(await StorageAsync());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0, read.State.Value);
    }

    [Fact]
    public async Task Write_ChangesETagEveryTime_AndReadsBack()
    {
        var storage = await StorageAsync();
        var state = new TestGrainState<CounterState> { State = { Value = 1 } };
        await storage.WriteStateAsync("run", _grain, state);
        var first = state.ETag;
        state.State.Value = 2;
        await storage.WriteStateAsync("run", _grain, state);

        var read = await ReadAsync(storage);

        Assert.NotNull(first);
        Assert.NotEqual(first, state.ETag);
        Assert.Equal(state.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(2, read.State.Value);
    }

    [Fact]
    public async Task Write_WithStaleOrMadeUpETag_IsRefused_AndStoredStateSurvives()
    {
        var storage = await StorageAsync();
        var writer = new TestGrainState<CounterState> { State = { Value = 1 } };
        await storage.WriteStateAsync("run", _grain, writer);
        var stale = new TestGrainState<CounterState> { ETag = writer.ETag, State = { Value = 99 } };
        writer.State.Value = 2;
        await storage.WriteStateAsync("run", _grain, writer);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("run", _grain, stale));
        var madeUp = new TestGrainState<CounterState> { ETag = "\"0x8DCAFEBABE\"", State = { Value = 98 } };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("run", _grain, madeUp));

        var read = await ReadAsync(storage);
        Assert.Equal(2, read.State.Value);
        Assert.Equal(writer.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_WithoutETagOverExistingState_IsRefused()
    {
        var storage = await StorageAsync();
        await storage.WriteStateAsync("run", _grain, new TestGrainState<CounterState> { State = { Value = 1 } });

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("run", _grain, new TestGrainState<CounterState> { State = { Value = 2 } }));
        Assert.Equal(1, (await ReadAsync(storage)).State.Value);
    }

    [Fact]
    public async Task ConcurrentWriters_WithTheSameETag_ExactlyOneWins()
    {
        var storage = await StorageAsync();
        var initial = new TestGrainState<CounterState> { State = { Value = 0 } };
        await storage.WriteStateAsync("run", _grain, initial);

        var writers = Enumerable.Range(1, 8).Select(i => new TestGrainState<CounterState> { ETag = initial.ETag, State = { Value = i } }).ToList();
        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await storage.WriteStateAsync("run", _grain, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        var winner = Assert.Single(writers.Where((_, i) => outcomes[i]));
        var read = await ReadAsync(storage);
        Assert.Equal(winner.State.Value, read.State.Value);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [Fact]
    public async Task Clear_RemovesTheRecord_TwiceIsFine_AndInsertWorksAgain()
    {
        var storage = await StorageAsync();
        var state = new TestGrainState<CounterState> { State = { Value = 5 } };
        await storage.WriteStateAsync("run", _grain, state);
        await storage.ClearStateAsync("run", _grain, state);

        var read = await ReadAsync(storage);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Null(state.ETag);
        Assert.Equal(0, read.State.Value);

        await storage.ClearStateAsync("run", _grain, state);
        await storage.WriteStateAsync("run", _grain, new TestGrainState<CounterState> { State = { Value = 6 } });
        Assert.Equal(6, (await ReadAsync(storage)).State.Value);
    }

    [Fact]
    public async Task Clear_WithStaleETag_IsRefused_AndStoredStateSurvives()
    {
        var storage = await StorageAsync();
        var state = new TestGrainState<CounterState> { State = { Value = 1 } };
        await storage.WriteStateAsync("run", _grain, state);
        var stale = new TestGrainState<CounterState> { ETag = state.ETag };
        await storage.WriteStateAsync("run", _grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("run", _grain, stale));
        Assert.True((await ReadAsync(storage)).RecordExists);
    }

    [Theory]
    [InlineData("slashes/and\\back")]
    [InlineData("query?hash#percent%20pipe|")]
    [InlineData("spaces, ünïcødé and 日本語")]
    [InlineData("tab\tand\u0001control")]
    public async Task AwkwardKeys_RoundTripAndStaySeparate(string key)
    {
        var storage = await StorageAsync();
        var awkward = GrainId.Create("run", $"{Guid.NewGuid():N}/{key}");
        var plain = GrainId.Create("run", $"{awkward.Key}-plain");

        await storage.WriteStateAsync("run", awkward, new TestGrainState<CounterState> { State = { Value = 7 } });
        await storage.WriteStateAsync("run", plain, new TestGrainState<CounterState> { State = { Value = 8 } });

        Assert.Equal(7, (await ReadAsync(storage, awkward)).State.Value);
        Assert.Equal(8, (await ReadAsync(storage, plain)).State.Value);
    }

    [Fact]
    public async Task LargeState_RoundTrips()
    {
        var storage = await StorageAsync();
        var payload = string.Concat(Enumerable.Range(0, 1 << 20).Select(i => (char)('a' + (i % 26))));

        await storage.WriteStateAsync("run", _grain, new TestGrainState<CounterState> { State = { Value = 1, Payload = payload } });

        Assert.Equal(payload, (await ReadAsync(storage)).State.Payload);
    }

    [Fact]
    public async Task StateNames_OfOneGrain_AreSeparateRecords()
    {
        var storage = await StorageAsync();
        await storage.WriteStateAsync("job", _grain, new TestGrainState<CounterState> { State = { Value = 1 } });
        await storage.WriteStateAsync("kv", _grain, new TestGrainState<CounterState> { State = { Value = 2 } });

        Assert.Equal(1, (await ReadAsync(storage, stateName: "job")).State.Value);
        Assert.Equal(2, (await ReadAsync(storage, stateName: "kv")).State.Value);
    }
}
