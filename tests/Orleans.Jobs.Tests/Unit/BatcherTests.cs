namespace Orleans.Jobs.Tests.Unit;

public sealed class BatcherTests
{
    [Fact]
    public async Task Append_FlushesWhenFull()
    {
        var batches = new List<int[]>();
        var batcher = new Batcher<int>(3, (items, _) => { batches.Add([.. items]); return Task.CompletedTask; });

        for (var i = 0; i < 7; i++)
        {
            await batcher.AppendAsync(i);
        }

        Assert.Equal([[0, 1, 2], [3, 4, 5]], batches);
        Assert.Equal(1, batcher.Pending);
        await batcher.FlushAsync();
        Assert.Equal([6], batches[^1]);
        Assert.Equal(0, batcher.Pending);
    }

    [Fact]
    public async Task Flush_WhenDelegateFails_KeepsItemsForTheNextFlush()
    {
        var fail = true;
        var flushed = new List<int>();
        var batcher = new Batcher<int>(10, (items, _) =>
        {
            if (fail)
            {
                throw new IOException("sink down");
            }

            flushed.AddRange(items);
            return Task.CompletedTask;
        });
        await batcher.AppendAsync(1);
        await batcher.AppendAsync(2);

        await Assert.ThrowsAsync<IOException>(() => batcher.FlushAsync());
        fail = false;
        await batcher.FlushAsync();

        Assert.Equal([1, 2], flushed);
    }

    [Fact]
    public async Task Flush_Empty_DoesNotCallDelegate()
    {
        var calls = 0;
        var batcher = new Batcher<string>(2, (_, _) => { calls++; return Task.CompletedTask; });
        await batcher.FlushAsync();
        Assert.Equal(0, calls);
    }
}
