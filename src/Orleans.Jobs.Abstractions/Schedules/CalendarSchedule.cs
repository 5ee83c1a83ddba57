namespace Orleans.Jobs;

/// <summary>
/// Fires at the times a <see cref="CalendarSpec"/> matches, in a time zone. Daylight saving: a time in a skipped hour
/// fires at the shift; a time in a repeated hour fires once, unless the hour field is every hour, when it fires in both
/// offsets so the cadence holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.CalendarSchedule")]
public sealed record CalendarSchedule : Schedule
{
    /// <summary>The calendar.</summary>
    [Id(0)]
    public required CalendarSpec Calendar { get; init; }

    /// <summary>IANA time zone id. Default UTC.</summary>
    [Id(1)]
    public string TimeZone { get; init; } = "UTC";

    /// <inheritdoc />
    public override DateTimeOffset? NextAfter(DateTimeOffset after) =>
        new CalendarMatcher(Calendar).NextAfter(after, ScheduleTimeZones.Find(TimeZone, "timeZone"));

    /// <inheritdoc />
    internal override void Validate(string field)
    {
        if (Calendar is null)
        {
            throw new JobValidationException($"{field}.calendar", "is required.");
        }

        Calendar.Validate($"{field}.calendar");
        ScheduleTimeZones.Find(TimeZone, $"{field}.timeZone");
    }
}
