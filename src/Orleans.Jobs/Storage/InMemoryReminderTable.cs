namespace Orleans.Jobs.Storage;

/// <summary>
/// <see cref="IReminderTable"/> over an <see cref="InMemoryJobsStore"/>, so reminders outlive the silo that made them
/// (Orleans' own in-memory reminder service keeps them inside a silo and loses them with it).
/// </summary>
public sealed class InMemoryReminderTable(InMemoryJobsStore store) : IReminderTable
{
    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        lock (store.Reminders)
        {
            return Task.FromResult(new ReminderTableData(
                store.Reminders.Values.Where(r => r.GrainId == grainId).Select(Copy).ToList()));
        }
    }

    /// <summary>Rows whose grain hash lies in (<paramref name="begin"/>, <paramref name="end"/>], wrapping past uint.MaxValue when begin ≥ end.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        lock (store.Reminders)
        {
            return Task.FromResult(new ReminderTableData(
                store.Reminders.Values.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)).Select(Copy).ToList()));
        }
    }

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (store.Reminders)
        {
            return Task.FromResult(store.Reminders.TryGetValue((grainId, reminderName), out var entry) ? Copy(entry) : null);
        }
    }

    /// <inheritdoc />
    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        lock (store.Reminders)
        {
            var stored = Copy(entry);
            stored.ETag = store.NextETag();
            store.Reminders[(entry.GrainId, entry.ReminderName)] = stored;
            return Task.FromResult<string?>(stored.ETag);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        lock (store.Reminders)
        {
            var key = (grainId, reminderName);
            var removed = store.Reminders.TryGetValue(key, out var entry)
                && string.Equals(entry.ETag, eTag, StringComparison.Ordinal)
                && store.Reminders.Remove(key);
            return Task.FromResult(removed);
        }
    }

    /// <inheritdoc />
    public Task TestOnlyClearTable()
    {
        lock (store.Reminders)
        {
            store.Reminders.Clear();
        }

        return Task.CompletedTask;
    }

    internal static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Copy(ReminderEntry entry) => new()
    {
        GrainId = entry.GrainId,
        ReminderName = entry.ReminderName,
        StartAt = entry.StartAt,
        Period = entry.Period,
        ETag = entry.ETag,
    };
}
