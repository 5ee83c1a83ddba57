using Orleans.Jobs.Storage;
using Orleans.Runtime;

namespace Orleans.Jobs.Tests.Unit;

public sealed class InMemoryReminderTableTests
{
    private readonly InMemoryReminderTable _table = new(new InMemoryJobsStore());

    private static ReminderEntry Entry(string key, string name = "keep-alive") => new()
    {
        GrainId = GrainId.Create("run", key),
        ReminderName = name,
        StartAt = DateTime.UtcNow,
        Period = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public async Task Upsert_ReturnsFreshETag_AndRemoveNeedsTheCurrentOne()
    {
        var entry = Entry("a");
        var first = await _table.UpsertRow(entry);
        var second = await _table.UpsertRow(entry);

        Assert.NotEqual(first, second);
        Assert.False(await _table.RemoveRow(entry.GrainId, entry.ReminderName, first!));
        Assert.True(await _table.RemoveRow(entry.GrainId, entry.ReminderName, second!));
        Assert.Null(await _table.ReadRow(entry.GrainId, entry.ReminderName));
    }

    [Fact]
    public async Task ReadRows_ByHashRange_IncludingWrappedRanges_CoversEachRowOnce()
    {
        var entries = Enumerable.Range(0, 50).Select(i => Entry($"job/1/manual-{i}")).ToList();
        foreach (var entry in entries)
        {
            await _table.UpsertRow(entry);
        }

        var hashes = entries.Select(e => e.GrainId.GetUniformHashCode()).Order().ToList();
        var split = hashes[20];
        var lower = await _table.ReadRows(split, hashes[40]);
        var wrapped = await _table.ReadRows(hashes[40], split);
        var all = await _table.ReadRows(0u, 0u);

        Assert.Equal(20, lower.Reminders.Count);
        Assert.Equal(30, wrapped.Reminders.Count);
        Assert.Empty(lower.Reminders.Select(r => r.GrainId).Intersect(wrapped.Reminders.Select(r => r.GrainId)));
        Assert.Equal(50, all.Reminders.Count);
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsOnlyThatGrainsReminders()
    {
        await _table.UpsertRow(Entry("a", "one"));
        await _table.UpsertRow(Entry("a", "two"));
        await _table.UpsertRow(Entry("b", "one"));

        var rows = await _table.ReadRows(GrainId.Create("run", "a"));
        Assert.Equal(["one", "two"], rows.Reminders.Select(r => r.ReminderName).Order());
    }
}
