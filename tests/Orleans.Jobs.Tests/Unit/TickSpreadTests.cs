using Orleans.Jobs.Scheduling;

namespace Orleans.Jobs.Tests.Unit;

public sealed class TickSpreadTests
{
    private static readonly DateTimeOffset _fire = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("job-a")]
    [InlineData("job-b")]
    [InlineData("orders/1/2026-12-02T12:00:00Z")]
    public void Align_TicksOffTheWholeSecond_NoEarlierThanAsked_AndAtMostTwoSecondsLater(string key)
    {
        var now = _fire.AddMilliseconds(3);
        var due = TimeSpan.FromMinutes(1);

        var aligned = TickSpread.Align(now, due, key);
        var tick = now + aligned;

        Assert.InRange(aligned, due, due + TickSpread.MostDelay);
        Assert.InRange(tick.Millisecond, 250, 749);
        Assert.Equal(TickSpread.Of(key), TimeSpan.FromMilliseconds(tick.Millisecond));
    }

    [Fact]
    public void Of_SpreadsKeys_OverTheHalfSecond()
    {
        var offsets = Enumerable.Range(0, 100).Select(i => TickSpread.Of($"job-{i}")).ToHashSet();

        Assert.True(offsets.Count > 50, $"{offsets.Count} distinct offsets for 100 keys");
        Assert.All(offsets, offset => Assert.InRange(offset.TotalMilliseconds, 250, 749));
    }
}
