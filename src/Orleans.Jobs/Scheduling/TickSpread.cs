namespace Orleans.Jobs.Scheduling;

/// <summary>
/// Keeps periodic engine ticks off the instants that schedules fire on. Fires fall on whole seconds (cron, intervals
/// from a whole-second anchor); a job's reminder registered for "its fire + one period", or a run's keep-alive
/// registered when its fire started it, would tick on those same instants, once a minute, all together. Each key gets
/// its own offset between a quarter and three quarters of a second, the same on every silo. Pure.
/// </summary>
internal static class TickSpread
{
    private const int SpreadMilliseconds = 500;

    /// <summary>The most <see cref="Align"/> moves a tick: under two seconds.</summary>
    public static readonly TimeSpan MostDelay = TimeSpan.FromSeconds(2);

    /// <summary>The offset of <paramref name="key"/>'s ticks: 250–749 ms.</summary>
    public static TimeSpan Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);

        // FNV-1a: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var character in key)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return TimeSpan.FromMilliseconds(250 + (hash % SpreadMilliseconds));
    }

    /// <summary>
    /// <paramref name="due"/> moved so that its tick lands <see cref="Of"/>(<paramref name="key"/>) past a whole second.
    /// </summary>
    public static TimeSpan Align(DateTimeOffset now, TimeSpan due, string key)
    {
        var at = now + due;
        var wholeSecond = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var spread = wholeSecond + Of(key);
        return (spread < at ? spread + TimeSpan.FromSeconds(1) : spread) - now;
    }
}
