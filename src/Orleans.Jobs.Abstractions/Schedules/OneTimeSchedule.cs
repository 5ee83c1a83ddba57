namespace Orleans.Jobs;

/// <summary>Fires once, at <see cref="At"/>.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.OneTimeSchedule")]
public sealed record OneTimeSchedule : Schedule
{
    /// <summary>The instant.</summary>
    [Id(0)]
    public required DateTimeOffset At { get; init; }

    /// <inheritdoc />
    public override DateTimeOffset? NextAfter(DateTimeOffset after) => At > after && At <= ScheduleLimits.Latest ? At.ToUniversalTime() : null;

    /// <inheritdoc />
    internal override void Validate(string field)
    {
        if (At == default)
        {
            throw new JobValidationException($"{field}.at", "is required.");
        }

        ScheduleLimits.Validate(At, $"{field}.at");
    }
}
