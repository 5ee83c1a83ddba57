namespace Orleans.Jobs.Hosting;

/// <summary>
/// The clock the engine reads — schedules, sleeps, retries, health windows, deliveries — resolved as a keyed
/// <see cref="TimeProvider"/> under <see cref="Key"/>, in the way Orleans resolves a clock per area. Unless a host
/// registers one of its own under this key, it is the silo's default <see cref="TimeProvider"/>. A test may move the
/// engine's clock (months ahead, say) while Orleans' membership and timers keep real time.
/// </summary>
public static class JobsTime
{
    /// <summary>The service key of the engine's clock.</summary>
    public const string Key = "Orleans.Jobs";
}
