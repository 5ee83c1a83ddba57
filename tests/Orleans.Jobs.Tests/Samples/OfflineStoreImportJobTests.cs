using Microsoft.Extensions.DependencyInjection;
using Orleans.Jobs.Samples.OfflineStores;
using Orleans.Jobs.Testing;

namespace Orleans.Jobs.Tests.Samples;

public sealed class OfflineStoreImportJobTests
{
    private readonly InMemoryOfflineStores _stores = new();

    private JobTestRunner<OfflineStoreImportJob> Runner() => new(services => services
        .AddSingleton<IOfflineStoreSource>(_stores)
        .AddSingleton<IOfflineStoreDestination>(_stores));

    [Fact]
    public async Task Run_ImportsOldestFirst_RecordsLastFile_AndNotifies()
    {
        // Names sort the other way from times: the order must come from the times.
        OfflineStoreFiles.Add(_stores, "c.json", 1);
        OfflineStoreFiles.Add(_stores, "b.json", 2);
        OfflineStoreFiles.Add(_stores, "a.json", 3);
        var runner = Runner();

        var outcome = await runner.RunAsync();

        Assert.True(outcome.Completed);
        Assert.Equal(["c.json", "b.json", "a.json"], _stores.Reads);
        Assert.Equal(9, _stores.Imported.Count);
        Assert.Equal(new LastFileImport(OfflineStoreFiles.Monday.AddMinutes(3).ToUnixTimeMilliseconds(), "a.json"), await runner.Store.GetAsync<LastFileImport>(OfflineStoreImportJob.LastFileImportKey));
        var note = Assert.Single(runner.Notifications.Entries);
        Assert.Equal((ActivityLevel.Success, "Imported 9 offline stores from 3 files"), (note.Level, note.Summary));
    }

    [Fact]
    public async Task SecondRun_ImportsOnlyFilesNewerThanTheLastImport()
    {
        OfflineStoreFiles.Add(_stores, "first.json", 1);
        OfflineStoreFiles.Add(_stores, "second.json", 2);
        var runner = Runner();
        await runner.RunAsync();

        OfflineStoreFiles.Add(_stores, "third.json", 3, storeCount: 4);
        var second = await runner.RunAsync();

        Assert.Equal(["first.json", "second.json", "third.json"], _stores.Reads);
        Assert.Equal(4, second.Result!.Value.GetProperty("imported").GetInt32());
        Assert.Equal(10, _stores.Imported.Count);
    }

    [Fact]
    public async Task EvictionDuringAFileImport_ImportsThatFileAgain_AndSkipsNone()
    {
        for (var i = 1; i <= 4; i++)
        {
            OfflineStoreFiles.Add(_stores, $"file-{i}.json", i);
        }

        // Step 1 lists the files; step 3 imports file-2 and is evicted before its checkpoint.
        var outcome = await Runner().EvictDuringStep(3).RunAsync();

        Assert.True(outcome.Completed);
        Assert.Equal(["file-1.json", "file-2.json", "file-2.json", "file-3.json", "file-4.json"], _stores.Reads);
        Assert.Equal(12, _stores.Imported.Count);
        Assert.Equal(12, outcome.Result!.Value.GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task NothingNew_CompletesWithoutReadingAnyFile()
    {
        var outcome = await Runner().RunAsync();

        Assert.True(outcome.Completed);
        Assert.Empty(_stores.Reads);
        Assert.Equal(0, outcome.Result!.Value.GetProperty("imported").GetInt32());
    }
}
