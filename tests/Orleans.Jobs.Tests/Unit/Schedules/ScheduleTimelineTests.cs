namespace Orleans.Jobs.Tests.Unit.Schedules;

public sealed class ScheduleTimelineTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SeveralSchedules_FireAsTheirUnion_WithSharedInstantsOnce()
    {
        var definition = new JobDefinition
        {
            Id = "j",
            Type = "t",
            Schedules = [Schedule.Interval(TimeSpan.FromHours(6)), Schedule.Cron("0 12 * * *"), Schedule.Once(_now.AddMinutes(30))],
        };

        var fires = ScheduleTimeline.Upcoming(definition, _now, 4);

        Assert.Equal([_now.AddMinutes(30), _now.AddHours(2), _now.AddHours(8), _now.AddHours(14)], fires);
    }

    [Fact]
    public void StartAndEnd_BoundTheFires()
    {
        var definition = new JobDefinition
        {
            Id = "j",
            Type = "t",
            Schedules = [Schedule.Interval(TimeSpan.FromHours(1))],
            StartAt = _now.AddHours(5).AddMinutes(1),
            EndAt = _now.AddHours(8),
        };

        Assert.Equal([_now.AddHours(6), _now.AddHours(7), _now.AddHours(8)], ScheduleTimeline.Upcoming(definition, _now, 10));
    }

    [Fact]
    public void Jitter_IsWithinBoundsAndTheSameOnEveryComputation()
    {
        var jitter = TimeSpan.FromSeconds(30);
        var delays = Enumerable.Range(0, 200).Select(i => ScheduleTimeline.JitterFor("job-a", _now.AddMinutes(i), jitter)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, jitter - TimeSpan.FromTicks(1)));
        Assert.True(delays.Distinct().Count() > 150, "jitter should spread occurrences");
        Assert.Equal(delays[7], ScheduleTimeline.JitterFor("job-a", _now.AddMinutes(7), jitter));
        Assert.NotEqual(delays[7], ScheduleTimeline.JitterFor("job-b", _now.AddMinutes(7), jitter));
        Assert.Equal(TimeSpan.Zero, ScheduleTimeline.JitterFor("job-a", _now, TimeSpan.Zero));
    }
}
