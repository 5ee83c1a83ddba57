using System.Text.Json;

namespace Orleans.Jobs.Tests.Unit.Schedules;

public sealed class CalendarScheduleTests
{
    private const string SeedExample = """
        {
          "year": "*",
          "month": "*",
          "dayOfMonth": "*",
          "dayOfWeek": { "start": "MONDAY", "end": "FRIDAY" },
          "hour": { "start": 9, "end": 17 },
          "minute": "0",
          "comment": "Run every weekday from 9am to 5pm at the start of every hour"
        }
        """;

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static IReadOnlyList<DateTimeOffset> Fires(Schedule schedule, DateTimeOffset after, int count) =>
        ScheduleTimeline.Upcoming(new JobDefinition { Id = "j", Type = "t", Schedules = [schedule] }, after, count);

    [Fact]
    public void SeedExample_WeekdaysNineToFive_FiresOnTheHourAndSkipsTheWeekend()
    {
        var calendar = JsonSerializer.Deserialize<CalendarSpec>(SeedExample, JobJson.Options)!;

        // Friday 20 November 2026, 16:30Z: 17:00 is the last fire of the week; Monday 09:00 the next.
        var fires = Fires(Schedule.OnCalendar(calendar), Utc(11, 20, 16, 30), 11);

        Assert.Equal(Utc(11, 20, 17), fires[0]);
        Assert.Equal(Utc(11, 23, 9), fires[1]);
        Assert.Equal(Utc(11, 23, 17), fires[9]);
        Assert.Equal(Utc(11, 24, 9), fires[10]);
        Assert.Equal("Run every weekday from 9am to 5pm at the start of every hour", calendar.Comment);
    }

    [Fact]
    public void OmittedFields_DefaultToMidnightOfEveryMatchingDay()
    {
        var schedule = Schedule.OnCalendar(new CalendarSpec { DayOfMonth = CalendarField.Value(1) });

        Assert.Equal([Utc(12, 1, 0), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)], Fires(schedule, Utc(11, 23, 10), 2));
    }

    [Fact]
    public void ListOfRangesAndValues_FiresAtEachMember()
    {
        var calendar = JsonSerializer.Deserialize<CalendarSpec>("""{ "hour": [{ "start": 9, "end": 10 }, 15], "minute": 30 }""", JobJson.Options)!;

        var fires = Fires(Schedule.OnCalendar(calendar), Utc(11, 23, 0), 4);

        Assert.Equal([Utc(11, 23, 9, 30), Utc(11, 23, 10, 30), Utc(11, 23, 15, 30), Utc(11, 24, 9, 30)], fires);
    }

    [Fact]
    public void RangeWithStep_AndMonthNames()
    {
        var calendar = JsonSerializer.Deserialize<CalendarSpec>("""{ "month": ["JAN", "jul"], "dayOfMonth": 1, "minute": { "start": 0, "end": 59, "step": 20 } }""", JobJson.Options)!;

        var fires = Fires(Schedule.OnCalendar(calendar), Utc(11, 23, 0), 4);

        Assert.Equal(
            [
                new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2027, 1, 1, 0, 20, 0, TimeSpan.Zero),
                new DateTimeOffset(2027, 1, 1, 0, 40, 0, TimeSpan.Zero),
                new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero),
            ],
            fires);
    }

    [Fact]
    public void Json_RoundTripsToTheSameSpec()
    {
        var calendar = JsonSerializer.Deserialize<CalendarSpec>(SeedExample, JobJson.Options)!;

        var again = JsonSerializer.Deserialize<CalendarSpec>(JsonSerializer.Serialize(calendar, JobJson.Options), JobJson.Options);

        Assert.Equal(calendar, again);
        Assert.Equal(CalendarField.Range(DayOfWeek.Monday, DayOfWeek.Friday), calendar.DayOfWeek);
    }

    [Fact]
    public void Json_UnknownFieldOrName_IsAnErrorThatNamesIt()
    {
        var field = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CalendarSpec>("""{ "weekday": 1 }""", JobJson.Options));
        var name = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CalendarSpec>("""{ "dayOfWeek": "FUNDAY" }""", JobJson.Options));

        Assert.Contains("weekday", field.Message, StringComparison.Ordinal);
        Assert.Contains("FUNDAY", name.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangeValue_IsRefusedNamingTheField()
    {
        var schedule = Schedule.OnCalendar(new CalendarSpec { Hour = CalendarField.Range(9, 24) });

        Assert.Equal("schedules[2].calendar.hour", Assert.Throws<JobValidationException>(() => schedule.Validate("schedules[2]")).Field);
    }

    [Fact]
    public void DateThatNeverExists_FiresNever()
    {
        var schedule = Schedule.OnCalendar(new CalendarSpec { Month = CalendarField.Value(2), DayOfMonth = CalendarField.Value(30) });

        Assert.Null(schedule.NextAfter(Utc(11, 23, 0)));
    }

    [Fact]
    public void FixedTimeInSkippedHour_FiresAtTheShift_AndEveryHourFiresTwiceInTheRepeatedHour()
    {
        var fixedTime = Schedule.OnCalendar(new CalendarSpec { Hour = CalendarField.Value(2), Minute = CalendarField.Value(30) }, "Europe/Amsterdam");
        var hourly = Schedule.OnCalendar(new CalendarSpec { Hour = CalendarField.Every, Minute = CalendarField.Value(30) }, "Europe/Amsterdam");

        Assert.Equal(Utc(3, 29, 1), fixedTime.NextAfter(Utc(3, 28, 12)));
        Assert.Equal([Utc(10, 25, 0, 30), Utc(10, 26, 1, 30)], Fires(fixedTime, Utc(10, 24, 12), 2));
        // 02:30 CEST (00:30Z) and 02:30 CET (01:30Z) are both fires of an hourly calendar: its cadence holds.
        Assert.Equal([Utc(10, 24, 23, 30), Utc(10, 25, 0, 30), Utc(10, 25, 1, 30), Utc(10, 25, 2, 30)], Fires(hourly, Utc(10, 24, 23), 4));
    }
}
