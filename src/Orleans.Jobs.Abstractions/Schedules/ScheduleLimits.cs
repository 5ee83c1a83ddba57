namespace Orleans.Jobs;

/// <summary>
/// The bounds every schedule is planned within, so that no instant a valid definition leads to can overflow: fires lie
/// between <see cref="Earliest"/> and <see cref="Latest"/> (a fire computed past it means the schedule is over), and
/// every delay added to one (jitter, at most a day) still lands before the end of <see cref="DateTimeOffset"/>.
/// </summary>
public static class ScheduleLimits
{
    /// <summary>No instant in a definition lies before the Unix epoch, which intervals are aligned to.</summary>
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    /// <summary>The last instant a job can fire at: two days before the end of <see cref="DateTimeOffset"/>.</summary>
    public static readonly DateTimeOffset Latest = new(9999, 12, 29, 23, 59, 59, TimeSpan.Zero);

    /// <summary>The longest interval: 100 years.</summary>
    public static readonly TimeSpan LongestInterval = TimeSpan.FromDays(36_524);

    /// <summary>The longest cron expression, in characters.</summary>
    public const int LongestExpression = 256;

    /// <summary>The longest time zone id, in characters.</summary>
    public const int LongestTimeZoneId = 64;

    /// <summary>The most ranges one calendar field may list.</summary>
    public const int MostRangesPerField = 64;

    /// <summary>Whether <paramref name="instant"/> is one a schedule may fire at.</summary>
    public static bool Contains(DateTimeOffset instant) => instant >= Earliest && instant <= Latest;

    /// <summary>Throws naming <paramref name="field"/> unless <paramref name="instant"/> lies within the bounds.</summary>
    internal static void Validate(DateTimeOffset instant, string field)
    {
        if (!Contains(instant))
        {
            throw new JobValidationException(field, $"must lie between {Earliest:O} and {Latest:O}, not {instant:O}.");
        }
    }
}
