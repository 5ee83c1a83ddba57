namespace Orleans.Jobs.Tests.Unit.Schedules;

public sealed class IntervalAndOneTimeScheduleTests
{
    private static readonly DateTimeOffset _tenTwenty = new(2026, 11, 23, 10, 20, 0, TimeSpan.Zero);

    [Fact]
    public void Interval_IsAlignedToTheEpochPlusOffset()
    {
        var schedule = Schedule.Interval(TimeSpan.FromHours(1), TimeSpan.FromMinutes(15));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 15, 0, TimeSpan.Zero), schedule.NextAfter(_tenTwenty));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 15, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 11, 23, 11, 15, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Interval_OfSevenDays_LandsOnEpochWeekdays()
    {
        // The epoch was a Thursday, so a 7-day interval fires on Thursdays at 00:00Z.
        var next = Schedule.Interval(TimeSpan.FromDays(7)).NextAfter(_tenTwenty)!.Value;

        Assert.Equal(DayOfWeek.Thursday, next.DayOfWeek);
        Assert.Equal(TimeSpan.Zero, next.TimeOfDay);
        Assert.InRange(next - _tenTwenty, TimeSpan.Zero, TimeSpan.FromDays(7));
    }

    [Fact]
    public void Interval_BeforeTheEpoch_StillOnTheGrid()
    {
        var before = DateTimeOffset.UnixEpoch.AddSeconds(-90);

        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(-60), Schedule.Interval(TimeSpan.FromMinutes(1)).NextAfter(before));
    }

    [Theory]
    [InlineData(0.5, 0, "schedules[0].every")]
    [InlineData(60, 60, "schedules[0].offset")]
    [InlineData(60, -1, "schedules[0].offset")]
    public void Interval_Invalid_IsRefusedNamingTheField(double everySeconds, double offsetSeconds, string field)
    {
        var schedule = Schedule.Interval(TimeSpan.FromSeconds(everySeconds), TimeSpan.FromSeconds(offsetSeconds));

        Assert.Equal(field, Assert.Throws<JobValidationException>(() => schedule.Validate("schedules[0]")).Field);
    }

    [Fact]
    public void OneTime_FiresOnceThenNever()
    {
        var at = _tenTwenty.AddHours(2);
        var schedule = Schedule.Once(at);

        Assert.Equal(at, schedule.NextAfter(_tenTwenty));
        Assert.Null(schedule.NextAfter(at));
    }
}
