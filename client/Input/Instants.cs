using System.Globalization;
using Orleans.Jobs.Cli.Invocation;

namespace Orleans.Jobs.Cli.Input;

/// <summary>
/// Times on the command line: ISO 8601 (<c>2026-11-23T06:00:00Z</c>; without an offset it is local time), <c>now</c>,
/// or relative to now (<c>-7d</c>, <c>+2h</c>).
/// </summary>
internal static class Instants
{
    public static DateTimeOffset Parse(string text, string flag, TimeProvider time)
    {
        var value = text.Trim();
        if (string.Equals(value, "now", StringComparison.OrdinalIgnoreCase))
        {
            return time.GetUtcNow();
        }

        if (value.Length > 1 && value[0] is '-' or '+')
        {
            var offset = Durations.Parse(value[1..], flag);
            var now = time.GetUtcNow();
            var fits = value[0] == '-' ? offset <= now - DateTimeOffset.MinValue : offset <= DateTimeOffset.MaxValue - now;
            return !fits
                ? throw new CliInputException($"{flag} '{text}' lies beyond the calendar.")
                : value[0] == '-' ? now - offset : now + offset;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var instant))
        {
            return instant.ToUniversalTime();
        }

        throw new CliInputException($"{flag} '{text}' is not a time (ISO 8601 such as 2026-11-23T06:00:00Z, now, or -7d).");
    }
}
