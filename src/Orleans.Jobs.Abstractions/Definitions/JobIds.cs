using System.Globalization;

namespace Orleans.Jobs;

/// <summary>The id rules every part relies on: job ids, idempotency keys, occurrences and run ids.</summary>
public static class JobIds
{
    /// <summary>Longest job id or idempotency key.</summary>
    public const int MaximumLength = 128;

    /// <summary>Format of a scheduled occurrence: the fire time in UTC.</summary>
    public const string OccurrenceFormat = "yyyyMMdd'T'HHmmss.fff'Z'";

    /// <summary>Prefix of a manual trigger's occurrence.</summary>
    public const string ManualPrefix = "manual-";

    /// <summary>Throws <see cref="JobValidationException"/> unless <paramref name="value"/> is a valid id.</summary>
    public static void Validate(string? value, string field = "id")
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new JobValidationException(field, "is required.");
        }

        if (value.Length > MaximumLength)
        {
            throw new JobValidationException(field, $"is {value.Length} characters long; the limit is {MaximumLength}.");
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                throw new JobValidationException(field, $"'{value}' contains '{c}'; use letters, digits, '.', '_' and '-'.");
            }
        }
    }

    /// <summary>Whether <paramref name="value"/> is a valid id (what <see cref="Validate"/> accepts).</summary>
    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaximumLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The occurrence of a manual trigger with idempotency key <paramref name="key"/>.</summary>
    public static string ManualOccurrence(string key)
    {
        Validate(key, "idempotencyKey");
        return ManualPrefix + key;
    }

    /// <summary>The occurrence of a scheduled fire at <paramref name="fireTime"/>.</summary>
    public static string ScheduledOccurrence(DateTimeOffset fireTime) =>
        fireTime.UtcDateTime.ToString(OccurrenceFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a scheduled occurrence back into its fire time; false for a manual one or anything else.</summary>
    public static bool TryParseScheduledOccurrence(string occurrence, out DateTimeOffset fireTime)
    {
        var parsed = DateTime.TryParseExact(occurrence, OccurrenceFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time);
        fireTime = parsed ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : default;
        return parsed;
    }

    /// <summary>The run id <c>{jobId}/{generation}/{occurrence}</c>.</summary>
    public static string RunId(string jobId, long generation, string occurrence) =>
        string.Create(CultureInfo.InvariantCulture, $"{jobId}/{generation}/{occurrence}");

    /// <summary>Splits a run id into its parts; throws <see cref="JobValidationException"/> for a malformed one.</summary>
    public static (string JobId, long Generation, string Occurrence) ParseRunId(string runId)
    {
        var parts = runId?.Split('/') ?? [];
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
        {
            throw new JobValidationException("runId", $"'{runId}' is not of the form {{jobId}}/{{generation}}/{{occurrence}}.");
        }

        Validate(parts[0], "runId");
        return (parts[0], generation, parts[2]);
    }
}
