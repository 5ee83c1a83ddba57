using System.Globalization;
using Orleans.Jobs.Cli.Invocation;

namespace Orleans.Jobs.Cli.Input;

/// <summary>Durations on the command line: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>7d</c>, or <c>hh:mm:ss</c>.</summary>
internal static class Durations
{
    public static TimeSpan Parse(string text, string flag)
    {
        var value = text.Trim();
        var (number, unit) = value.EndsWith("ms", StringComparison.OrdinalIgnoreCase)
            ? (value[..^2], "ms")
            : value.Length > 1 && char.IsLetter(value[^1]) ? (value[..^1], value[^1..].ToLowerInvariant()) : (value, "");
        if (unit.Length > 0 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            var perUnit = unit switch
            {
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                "d" => TimeSpan.TicksPerDay,
                _ => 0,
            };
            var ticks = amount * perUnit;
            if (perUnit > 0 && double.IsFinite(ticks) && ticks < TimeSpan.MaxValue.Ticks)
            {
                return TimeSpan.FromTicks((long)ticks);
            }

            if (perUnit > 0)
            {
                throw new CliInputException($"{flag} '{text}' is longer than any duration can be.");
            }
        }

        if (unit.Length == 0 && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new CliInputException($"{flag} '{text}' is not a duration (e.g. 30s, 5m, 2h, 1d or 00:05:00).");
    }
}
