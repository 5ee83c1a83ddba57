using System.Text.Json.Serialization;

namespace Orleans.Jobs;

/// <summary>
/// A calendar (seed 003, Temporal's semantics): each field is a value, a range or a list of ranges. A field left out
/// defaults to 0 for second, minute and hour, and to every value for the others; ranges are inclusive. Day of week is
/// 0 (Sunday) – 6 (Saturday); months 1–12; names (<c>MONDAY</c>, <c>JAN</c>) are accepted in JSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.CalendarSpec")]
[JsonConverter(typeof(CalendarSpecJsonConverter))]
public sealed record CalendarSpec
{
    /// <summary>Years. Default every.</summary>
    [Id(0)]
    public CalendarField? Year { get; init; }

    /// <summary>Months, 1–12. Default every.</summary>
    [Id(1)]
    public CalendarField? Month { get; init; }

    /// <summary>Days of the month, 1–31. Default every.</summary>
    [Id(2)]
    public CalendarField? DayOfMonth { get; init; }

    /// <summary>Days of the week, 0 (Sunday) – 6 (Saturday). Default every.</summary>
    [Id(3)]
    public CalendarField? DayOfWeek { get; init; }

    /// <summary>Hours, 0–23. Default 0.</summary>
    [Id(4)]
    public CalendarField? Hour { get; init; }

    /// <summary>Minutes, 0–59. Default 0.</summary>
    [Id(5)]
    public CalendarField? Minute { get; init; }

    /// <summary>Seconds, 0–59. Default 0.</summary>
    [Id(6)]
    public CalendarField? Second { get; init; }

    /// <summary>Free text for people.</summary>
    [Id(7)]
    public string? Comment { get; init; }

    /// <summary>Throws naming the field under <paramref name="field"/> when a value is out of range.</summary>
    internal void Validate(string field)
    {
        Year?.Validate($"{field}.year", 1970, 9999);
        Month?.Validate($"{field}.month", 1, 12);
        DayOfMonth?.Validate($"{field}.dayOfMonth", 1, 31);
        DayOfWeek?.Validate($"{field}.dayOfWeek", 0, 6);
        Hour?.Validate($"{field}.hour", 0, 23);
        Minute?.Validate($"{field}.minute", 0, 59);
        Second?.Validate($"{field}.second", 0, 59);
    }
}
