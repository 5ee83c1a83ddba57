using Orleans.Runtime;

namespace Orleans.Jobs.Tests.Conformance;

/// <summary>
/// The Orleans reminder table contract: upserts return a fresh ETag and read back; removes need the current ETag;
/// rows are found by grain and by hash range (exclusive start, inclusive end; a range with start ≥ end wraps, start =
/// end is the whole ring) with each row in exactly one of two complementary ranges; awkward names round-trip.
/// </summary>
public abstract class ReminderTableConformance
{
    private readonly string _prefix = Guid.NewGuid().ToString("N");

    /// <summary>The table under test, started and empty.</summary>
    protected abstract Task<IReminderTable> TableAsync();

    private ReminderEntry Entry(string key, string name = "keep-alive") => new()
    {
        GrainId = GrainId.Create("run", $"{_prefix}/{key}"),
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public async Task Upsert_ReturnsFreshETag_ReadsBack_AndRemoveNeedsTheCurrentOne()
    {
        var table = await TableAsync();
        var entry = Entry("a");
        var first = await table.UpsertRow(entry);
        entry.Period = TimeSpan.FromMinutes(2);
        var second = await table.UpsertRow(entry);

        var read = await table.ReadRow(entry.GrainId, entry.ReminderName);
        Assert.NotNull(read);
        Assert.Equal(entry.GrainId, read.GrainId);
        Assert.Equal(entry.ReminderName, read.ReminderName);
        Assert.Equal(entry.StartAt, read.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(2), read.Period);
        Assert.Equal(second, read.ETag);
        Assert.NotEqual(first, second);

        Assert.False(await table.RemoveRow(entry.GrainId, entry.ReminderName, first!));
        Assert.NotNull(await table.ReadRow(entry.GrainId, entry.ReminderName));
        Assert.True(await table.RemoveRow(entry.GrainId, entry.ReminderName, second!));
        Assert.Null(await table.ReadRow(entry.GrainId, entry.ReminderName));
        Assert.False(await table.RemoveRow(entry.GrainId, entry.ReminderName, second!));
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsOnlyThatGrainsReminders()
    {
        var table = await TableAsync();
        await table.UpsertRow(Entry("a", "one"));
        await table.UpsertRow(Entry("a", "two"));
        await table.UpsertRow(Entry("ab", "one"));
        await table.UpsertRow(Entry("b", "one"));

        var rows = await table.ReadRows(Entry("a").GrainId);

        Assert.Equal(["one", "two"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task ReadRows_ByHashRange_IncludingWrappedRanges_CoversEachRowOnce()
    {
        var table = await TableAsync();
        var entries = Enumerable.Range(0, 40).Select(i => Entry($"job/1/manual-{i}")).ToList();
        await Task.WhenAll(entries.Select(table.UpsertRow));
        var mine = entries.Select(e => e.GrainId).ToHashSet();
        var hashes = entries.Select(e => e.GrainId.GetUniformHashCode()).Order().ToList();
        var (from, to) = (hashes[10], hashes[30]);

        var inner = (await table.ReadRows(from, to)).Reminders.Where(r => mine.Contains(r.GrainId)).ToList();
        var wrapped = (await table.ReadRows(to, from)).Reminders.Where(r => mine.Contains(r.GrainId)).ToList();
        var ring = (await table.ReadRows(from, from)).Reminders.Where(r => mine.Contains(r.GrainId)).ToList();

        // (from, to] holds the hashes ranked 11–30; the wrapped complement the other 20.
        Assert.Equal(20, inner.Count);
        Assert.Equal(20, wrapped.Count);
        Assert.All(inner, r => Assert.InRange(r.GrainId.GetUniformHashCode(), from + 1, to));
        Assert.Empty(inner.Select(r => r.GrainId).Intersect(wrapped.Select(r => r.GrainId)));
        Assert.Equal(40, ring.Count);
    }

    [Theory]
    [InlineData("slashes/and\\back", "name|with|pipes")]
    [InlineData("query?hash#percent%", "ünïcødé ?#")]
    public async Task AwkwardKeysAndNames_RoundTrip(string key, string name)
    {
        var table = await TableAsync();
        var entry = Entry(key, name);
        var etag = await table.UpsertRow(entry);

        var read = await table.ReadRow(entry.GrainId, name);
        var byGrain = await table.ReadRows(entry.GrainId);

        Assert.Equal(name, read?.ReminderName);
        Assert.Equal(entry.GrainId, Assert.Single(byGrain.Reminders).GrainId);
        Assert.True(await table.RemoveRow(entry.GrainId, name, etag!));
    }
}
