namespace Orleans.Jobs;

/// <summary>Resolves a schedule's IANA time zone id (Windows ids work too), with errors that name the field.</summary>
internal static class ScheduleTimeZones
{
    /// <summary>The zone for <paramref name="id"/>; <see cref="JobValidationException"/> on <paramref name="field"/> when unknown.</summary>
    public static TimeZoneInfo Find(string? id, string field)
    {
        if (string.IsNullOrWhiteSpace(id) || string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        // Refused before the time zone database sees it: an id is a short path of letters, digits and _ + - /.
        if (id.Length > ScheduleLimits.LongestTimeZoneId || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+'))
        {
            throw new JobValidationException(field, $"'{(id.Length > ScheduleLimits.LongestTimeZoneId ? id[..ScheduleLimits.LongestTimeZoneId] + "…" : id)}' is not a time zone id: at most {ScheduleLimits.LongestTimeZoneId} letters, digits and _ + - /, such as 'Europe/Amsterdam'.");
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new JobValidationException(field, $"unknown time zone '{id}'; use an IANA id such as 'Europe/Amsterdam'.");
        }
    }
}
