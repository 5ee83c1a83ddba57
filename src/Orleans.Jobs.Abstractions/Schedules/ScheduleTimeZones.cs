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
