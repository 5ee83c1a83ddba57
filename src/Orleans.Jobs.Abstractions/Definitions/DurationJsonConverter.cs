using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Orleans.Jobs;

/// <summary>
/// Reads a duration as milliseconds (<c>1500</c>), a short string (<c>"500ms"</c>, <c>"10s"</c>, <c>"2m"</c>,
/// <c>"1h"</c>, <c>"1d"</c>, decimals allowed) or a .NET time span (<c>"00:00:10"</c>); writes the time span form.
/// </summary>
public sealed partial class DurationJsonConverter : JsonConverter<TimeSpan>
{
    /// <inheritdoc />
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return TryFromUnit(reader.GetDouble(), "ms", out var milliseconds)
                ? milliseconds
                : throw new JsonException($"{reader.GetDouble()} ms is not a duration: it lies beyond what a duration can hold.");
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return TryParse(text, out var duration)
            ? duration
            : throw new JsonException($"'{text}' is not a duration: use milliseconds (1500), a short form (500ms, 10s, 2m, 1h, 1d) or hh:mm:ss.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("c", CultureInfo.InvariantCulture));

    /// <summary>Parses the forms <see cref="Read"/> accepts, milliseconds as digits.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = ShortForm().Match(text.Trim());
        if (match.Success)
        {
            var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
            return TryFromUnit(amount, match.Groups["unit"].Value, out duration);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
    }

    /// <summary><paramref name="amount"/> of <paramref name="unit"/>; false when that is not a finite duration a time span holds.</summary>
    private static bool TryFromUnit(double amount, string unit, out TimeSpan duration)
    {
        var ticks = amount * unit switch
        {
            "" or "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            "m" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            _ => TimeSpan.TicksPerDay,
        };
        if (double.IsFinite(ticks) && ticks >= TimeSpan.MinValue.Ticks && ticks < TimeSpan.MaxValue.Ticks)
        {
            duration = TimeSpan.FromTicks((long)ticks);
            return true;
        }

        duration = default;
        return false;
    }

    [GeneratedRegex(@"^(?<amount>\d+(\.\d+)?)\s*(?<unit>ms|s|m|h|d|)$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortForm();
}
