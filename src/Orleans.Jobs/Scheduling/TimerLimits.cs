namespace Orleans.Jobs.Scheduling;

/// <summary>
/// Orleans refuses a grain timer or reminder whose due time or period exceeds about 49.7 days (2³² − 2 ms). Every wait
/// the engine arms goes through <see cref="Cap"/>: a longer one is armed for <see cref="LongestDue"/>, and the callback,
/// finding it is not yet time, arms again for what is left. Pure.
/// </summary>
internal static class TimerLimits
{
    /// <summary>The longest due time or period armed at once: 49 days.</summary>
    public static readonly TimeSpan LongestDue = TimeSpan.FromDays(49);

    /// <summary><paramref name="due"/> within [0, <see cref="LongestDue"/>].</summary>
    public static TimeSpan Cap(TimeSpan due) => due < TimeSpan.Zero ? TimeSpan.Zero : due > LongestDue ? LongestDue : due;
}
