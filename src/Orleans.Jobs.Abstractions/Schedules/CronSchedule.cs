using System.Collections.Concurrent;
using Cronos;

namespace Orleans.Jobs;

/// <summary>
/// A cron schedule (Cronos): 5 fields, or 6 with seconds first, in a time zone. Daylight saving follows Cronos: a fixed
/// time in a skipped hour fires at the shift, a fixed time in a repeated hour fires once, and interval-like expressions
/// (every 15 minutes) keep their cadence through both offsets.
/// </summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.CronSchedule")]
public sealed partial record CronSchedule : Schedule
{
    private static readonly ConcurrentDictionary<string, CronExpression> _parsed = new(StringComparer.Ordinal);

    /// <summary>The expression, e.g. <c>0 0 6 * * ?</c> (06:00:00 daily) or <c>*/15 * * * *</c>.</summary>
    [Id(0)]
    public required string Expression { get; init; }

    /// <summary>IANA time zone id. Default UTC.</summary>
    [Id(1)]
    public string TimeZone { get; init; } = "UTC";

    /// <inheritdoc />
    public override DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        if (after >= ScheduleLimits.Latest)
        {
            return null;
        }

        DateTimeOffset? next;
        try
        {
            next = Parse(Expression, "expression").GetNextOccurrence(after, ScheduleTimeZones.Find(TimeZone, "timeZone"), inclusive: false)?.ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            // Cronos, searching past the end of the calendar (within a few years of 9999), has nothing more to give.
            return null;
        }

        return next <= ScheduleLimits.Latest ? next : null;
    }

    /// <inheritdoc />
    internal override void Validate(string field)
    {
        Parse(Expression, $"{field}.expression");
        ScheduleTimeZones.Find(TimeZone, $"{field}.timeZone");
    }

    private static CronExpression Parse(string expression, string field)
    {
        if (_parsed.TryGetValue(expression ?? string.Empty, out var cached))
        {
            return cached;
        }

        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new JobValidationException(field, "a cron expression is required.");
        }

        // Refused before Cronos sees it: only what a cron expression is made of, and not too much of it.
        if (expression.Length > ScheduleLimits.LongestExpression)
        {
            throw new JobValidationException(field, $"is {expression.Length} characters; the limit is {ScheduleLimits.LongestExpression}.");
        }

        if (!CronCharacters().IsMatch(expression))
        {
            throw new JobValidationException(field, "may hold only letters, digits, spaces and * / , - ? # L W.");
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
        if (fields is not (5 or 6))
        {
            throw new JobValidationException(field, $"invalid cron '{expression}': expected 5 fields (minute hour day month weekday) or 6 (seconds first), found {fields}.");
        }

        CronExpression parsed;
        try
        {
            parsed = CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException exception)
        {
            throw new JobValidationException(field, $"invalid cron '{expression}': {exception.Message}");
        }

        if (_parsed.Count > 4096)
        {
            _parsed.Clear();
        }

        return _parsed.GetOrAdd(expression, parsed);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9A-Za-z*/,\-?# ]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CronCharacters();
}
