namespace Orleans.Jobs.Tests.Unit.Schedules;

public sealed class CronScheduleTests
{
    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();

    [Fact]
    public void SixFields_WithQuestionMark_FiresDailyAtSixInItsZone_AcrossSpringShift()
    {
        var schedule = Schedule.Cron("0 0 6 * * ?", "Europe/Amsterdam");

        // 28 March 2026 is the last day of CET (+1); 29 March is the first of CEST (+2).
        Assert.Equal(Utc("2026-03-28T05:00:00Z"), schedule.NextAfter(Utc("2026-03-28T00:00:00Z")));
        Assert.Equal(Utc("2026-03-29T04:00:00Z"), schedule.NextAfter(Utc("2026-03-28T05:00:00Z")));
    }

    [Fact]
    public void FixedTimeInSkippedHour_FiresAtTheShift()
    {
        var schedule = Schedule.Cron("30 2 * * *", "Europe/Amsterdam");

        // 02:30 does not exist on 29 March 2026 in Amsterdam: clocks go from 02:00 CET to 03:00 CEST (01:00Z).
        Assert.Equal(Utc("2026-03-29T01:00:00Z"), schedule.NextAfter(Utc("2026-03-28T12:00:00Z")));
    }

    [Fact]
    public void FixedTimeInRepeatedHour_FiresOnce()
    {
        var schedule = Schedule.Cron("30 2 * * *", "Europe/Amsterdam");

        // 02:30 happens twice on 25 October 2026 (CEST, then CET): one fire, at the first.
        var fires = ScheduleTimeline.Upcoming(new JobDefinition { Id = "j", Type = "t", Schedules = [schedule] }, Utc("2026-10-24T12:00:00Z"), 2);

        Assert.Equal([Utc("2026-10-25T00:30:00Z"), Utc("2026-10-26T01:30:00Z")], fires);
    }

    [Fact]
    public void IntervalLikeExpression_KeepsCadenceThroughBothShifts()
    {
        var schedule = Schedule.Cron("*/15 * * * *", "Europe/Amsterdam");
        var definition = new JobDefinition { Id = "j", Type = "t", Schedules = [schedule] };

        foreach (var start in new[] { Utc("2026-03-29T00:20:00Z"), Utc("2026-10-24T23:20:00Z") })
        {
            var fires = ScheduleTimeline.Upcoming(definition, start, 16);

            Assert.Equal(16, fires.Count);
            Assert.All(fires.Zip(fires.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(15), pair.Second - pair.First));
        }
    }

    [Theory]
    [InlineData("0 0 6 * *  * *", "expected 5 fields")]
    [InlineData("61 * * * *", "invalid cron")]
    [InlineData("", "required")]
    public void InvalidExpression_IsRefusedNamingTheField(string expression, string problem)
    {
        var error = Assert.Throws<JobValidationException>(() => Schedule.Cron(expression).Validate("schedules[0]"));

        Assert.Equal("schedules[0].expression", error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTimeZone_IsRefusedNamingTheField()
    {
        var error = Assert.Throws<JobValidationException>(() => Schedule.Cron("0 6 * * *", "Mars/Olympus").Validate("schedules[1]"));

        Assert.Equal("schedules[1].timeZone", error.Field);
        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
    }
}
