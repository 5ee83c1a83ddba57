namespace Orleans.Jobs;

/// <summary>Finds the next instant a <see cref="CalendarSpec"/> matches in a time zone, day by day in local time.</summary>
internal sealed class CalendarMatcher
{
    /// <summary>How far ahead a calendar is searched before it is taken to match nothing more.</summary>
    private const int SearchYears = 100;

    /// <summary>Larger than any daylight-saving shift, so local times near one are all considered.</summary>
    private static readonly TimeSpan _shiftMargin = TimeSpan.FromHours(3);

    /// <summary>The last local day searched: the day before the calendar's last.</summary>
    private static readonly DateTime _lastSearchedDay = DateTime.MaxValue.Date.AddDays(-1);

    private readonly CalendarField _years;
    private readonly bool[] _months;
    private readonly bool[] _daysOfMonth;
    private readonly bool[] _daysOfWeek;
    private readonly int[] _hours;
    private readonly int[] _minutes;
    private readonly int[] _seconds;
    private readonly bool _everyHour;

    public CalendarMatcher(CalendarSpec spec)
    {
        _years = spec.Year ?? CalendarField.Every;
        _months = (spec.Month ?? CalendarField.Every).Expand(1, 12);
        _daysOfMonth = (spec.DayOfMonth ?? CalendarField.Every).Expand(1, 31);
        _daysOfWeek = (spec.DayOfWeek ?? CalendarField.Every).Expand(0, 6);
        _hours = Values(spec.Hour, 23);
        _minutes = Values(spec.Minute, 59);
        _seconds = Values(spec.Second, 59);
        _everyHour = spec.Hour is { IsEvery: true };
    }

    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone)
    {
        if (after < ScheduleLimits.Earliest || after >= ScheduleLimits.Latest)
        {
            return null;
        }

        var localAfter = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var skipBefore = NearShift(after, zone) ? localAfter - _shiftMargin : localAfter;

        // The search ends a day before the end of the calendar, so that stepping a day, a month or a year cannot overflow.
        var lastDay = localAfter.Year <= _lastSearchedDay.Year - SearchYears ? localAfter.Date.AddYears(SearchYears) : _lastSearchedDay;
        DateTimeOffset? best = null;
        DateTime stopAfter = DateTime.MaxValue;
        for (var day = skipBefore.Date; day <= lastDay && day <= stopAfter; )
        {
            if (!YearMatches(day.Year))
            {
                if (day.Year == _lastSearchedDay.Year)
                {
                    break;
                }

                day = new DateTime(day.Year + 1, 1, 1);
                continue;
            }

            if (!_months[day.Month])
            {
                if (day.Year == _lastSearchedDay.Year && day.Month == 12)
                {
                    break;
                }

                day = new DateTime(day.Year, day.Month, 1).AddMonths(1);
                continue;
            }

            if (_daysOfMonth[day.Day] && _daysOfWeek[(int)day.DayOfWeek])
            {
                foreach (var hour in _hours)
                {
                    var hourStart = day.AddHours(hour);
                    if (hourStart.AddHours(1) <= skipBefore || hourStart > stopAfter)
                    {
                        continue;
                    }

                    foreach (var minute in _minutes)
                    {
                        var minuteStart = hourStart.AddMinutes(minute);
                        if (minuteStart.AddMinutes(1) <= skipBefore || minuteStart > stopAfter)
                        {
                            continue;
                        }

                        foreach (var second in _seconds)
                        {
                            var local = minuteStart.AddSeconds(second);
                            if (local < skipBefore || local > stopAfter)
                            {
                                continue;
                            }

                            foreach (var instant in Instants(local, zone))
                            {
                                if (instant > after && (best is null || instant < best))
                                {
                                    best = instant;
                                    stopAfter = NearShift(instant, zone) ? local + _shiftMargin : local;
                                }
                            }
                        }
                    }
                }
            }

            day = day.AddDays(1);
        }

        return best <= ScheduleLimits.Latest ? best : null;
    }

    private bool YearMatches(int year) => _years.IsEvery || _years.Ranges.Any(r => year >= r.Start && year <= r.End && (year - r.Start) % r.Step == 0);

    /// <summary>The instants a local time stands for: one, the shift for a skipped time, one or two for a repeated one.</summary>
    private IEnumerable<DateTimeOffset> Instants(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local))
        {
            yield return ShiftInstant(local, zone);
        }
        else if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local).OrderByDescending(o => o).ToArray();
            yield return At(local, offsets[0]);
            if (_everyHour)
            {
                yield return At(local, offsets[^1]);
            }
        }
        else
        {
            yield return At(local, zone.GetUtcOffset(local));
        }
    }

    /// <summary>For a local time in a skipped hour: the instant of the shift (the first whose local time reaches it).</summary>
    private static DateTimeOffset ShiftInstant(DateTime local, TimeZoneInfo zone)
    {
        var low = At(local, zone.GetUtcOffset(local + _shiftMargin)).UtcTicks;
        var high = At(local, zone.GetUtcOffset(local - _shiftMargin)).UtcTicks;
        while (high - low > TimeSpan.TicksPerSecond)
        {
            var middle = low + ((high - low) / 2);
            if (TimeZoneInfo.ConvertTime(new DateTimeOffset(middle, TimeSpan.Zero), zone).DateTime >= local)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return new DateTimeOffset(high / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    private static bool NearShift(DateTimeOffset instant, TimeZoneInfo zone) =>
        zone.GetUtcOffset(instant - (2 * _shiftMargin)) != zone.GetUtcOffset(instant + (2 * _shiftMargin));

    private static DateTimeOffset At(DateTime local, TimeSpan offset) => new(local.Ticks - offset.Ticks, TimeSpan.Zero);

    private static int[] Values(CalendarField? field, int maximum)
    {
        if (field is null)
        {
            return [0];
        }

        var matches = field.Expand(0, maximum);
        return [.. Enumerable.Range(0, maximum + 1).Where(v => matches[v])];
    }
}
