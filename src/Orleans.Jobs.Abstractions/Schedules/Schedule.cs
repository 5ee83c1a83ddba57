using System.Text.Json.Serialization;

namespace Orleans.Jobs;

/// <summary>
/// When a job fires: a cron expression, an interval aligned to the Unix epoch, a calendar, or one time. A job's
/// schedules fire as their union; fires of several schedules at the same instant are one occurrence.
/// </summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.Schedule")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CronSchedule), "cron")]
[JsonDerivedType(typeof(IntervalSchedule), "interval")]
[JsonDerivedType(typeof(CalendarSchedule), "calendar")]
[JsonDerivedType(typeof(OneTimeSchedule), "once")]
public abstract record Schedule
{
    /// <summary>A cron expression of 5 fields, or 6 with seconds first; <c>?</c> allowed; evaluated in <paramref name="timeZone"/> (IANA id).</summary>
    public static CronSchedule Cron(string expression, string timeZone = "UTC") => new() { Expression = expression, TimeZone = timeZone };

    /// <summary>Every <paramref name="every"/>, at the Unix epoch plus <paramref name="offset"/> plus whole multiples.</summary>
    public static IntervalSchedule Interval(TimeSpan every, TimeSpan offset = default) => new() { Every = every, Offset = offset };

    /// <summary>The times <paramref name="calendar"/> matches, in <paramref name="timeZone"/> (IANA id).</summary>
    public static CalendarSchedule OnCalendar(CalendarSpec calendar, string timeZone = "UTC") => new() { Calendar = calendar, TimeZone = timeZone };

    /// <summary>Once, at <paramref name="at"/>.</summary>
    public static OneTimeSchedule Once(DateTimeOffset at) => new() { At = at };

    /// <summary>The first fire strictly after <paramref name="after"/>, in UTC; <see langword="null"/> when there is none.</summary>
    public abstract DateTimeOffset? NextAfter(DateTimeOffset after);

    /// <summary>Throws <see cref="JobValidationException"/> naming <paramref name="field"/> when the schedule is invalid.</summary>
    internal abstract void Validate(string field);
}
