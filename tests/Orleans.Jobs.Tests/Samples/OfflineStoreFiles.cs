using Orleans.Jobs.Samples.OfflineStores;

namespace Orleans.Jobs.Tests.Samples;

/// <summary>Offline-store files for tests: the seed's ten stores, split into files of a few each.</summary>
internal static class OfflineStoreFiles
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Adds file <paramref name="name"/> modified <paramref name="minutesAfterMonday"/> minutes after Monday 06:00Z.</summary>
    public static void Add(InMemoryOfflineStores stores, string name, int minutesAfterMonday, int storeCount = 3) =>
        stores.AddFile(name, Monday.AddMinutes(minutesAfterMonday), [.. Enumerable.Range(0, storeCount).Select(i => new OfflineStore
        {
            Id = $"{name}-{i}",
            Name = $"Store {i} of {name}",
            Location = "Amsterdam",
        })]);
}
