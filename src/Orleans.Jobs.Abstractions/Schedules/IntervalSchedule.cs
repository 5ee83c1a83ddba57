namespace Orleans.Jobs;

/// <summary>
/// Every <see cref="Every"/>, aligned to the Unix epoch: fires at 1970-01-01T00:00Z + <see cref="Offset"/> + k × <see cref="Every"/>,
/// so every silo computes the same instants. An hourly interval with a 15-minute offset fires at :15 each hour.
/// </summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.IntervalSchedule")]
public sealed record IntervalSchedule : Schedule
{
    /// <summary>The shortest interval accepted.</summary>
    public static readonly TimeSpan MinimumEvery = TimeSpan.FromSeconds(1);

    /// <summary>The period.</summary>
    [Id(0)]
    public required TimeSpan Every { get; init; }

    /// <summary>Shift from the epoch's grid, 0 ≤ offset &lt; every. Default 0.</summary>
    [Id(1)]
    public TimeSpan Offset { get; init; }

    /// <inheritdoc />
    public override DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        if (Every <= TimeSpan.Zero || after >= ScheduleLimits.Latest)
        {
            return null;
        }

        // In 128 bits: an interval of any length past any instant cannot overflow before it is compared.
        Int128 origin = DateTimeOffset.UnixEpoch.UtcTicks + (Int128)Offset.Ticks;
        var elapsed = after.UtcTicks - origin;
        var periods = elapsed < 0 ? -((-elapsed - 1) / Every.Ticks) - 1 : elapsed / Every.Ticks;
        var next = origin + ((periods + 1) * Every.Ticks);
        return next > ScheduleLimits.Latest.UtcTicks ? null : new DateTimeOffset((long)next, TimeSpan.Zero);
    }

    /// <inheritdoc />
    internal override void Validate(string field)
    {
        if (Every < MinimumEvery || Every > ScheduleLimits.LongestInterval)
        {
            throw new JobValidationException($"{field}.every", $"must be {MinimumEvery} – {ScheduleLimits.LongestInterval.TotalDays:0} days, not {Every}.");
        }

        if (Offset < TimeSpan.Zero || Offset >= Every)
        {
            throw new JobValidationException($"{field}.offset", $"must be at least 0 and less than every ({Every}), not {Offset}.");
        }
    }
}
