namespace Orleans.Jobs.Tests.Cluster;

/// <summary>
/// Real time plus an offset a test moves forward: the engine's clock (<c>JobsTime.Key</c>) jumps months ahead while
/// Orleans' own clocks — membership, timers, reminders — keep real time, so the cluster stays healthy.
/// </summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
