using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Jobs;

/// <summary>
/// Reads and writes <see cref="CalendarSpec"/> in seed 003's shape: each field is <c>"*"</c>, a value (number, numeric
/// string or name), a range object <c>{"start", "end", "step"}</c>, or an array of those.
/// </summary>
internal sealed class CalendarSpecJsonConverter : JsonConverter<CalendarSpec>
{
    private static readonly string[] _months =
        ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];

    private static readonly string[] _weekdays = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];

    public override CalendarSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A calendar must be a JSON object.");
        }

        var spec = new CalendarSpec();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            spec = name.ToUpperInvariant() switch
            {
                "YEAR" => spec with { Year = ReadField(ref reader, name, null) },
                "MONTH" => spec with { Month = ReadField(ref reader, name, _months) },
                "DAYOFMONTH" => spec with { DayOfMonth = ReadField(ref reader, name, null) },
                "DAYOFWEEK" => spec with { DayOfWeek = ReadField(ref reader, name, _weekdays) },
                "HOUR" => spec with { Hour = ReadField(ref reader, name, null) },
                "MINUTE" => spec with { Minute = ReadField(ref reader, name, null) },
                "SECOND" => spec with { Second = ReadField(ref reader, name, null) },
                "COMMENT" => spec with { Comment = reader.TokenType == JsonTokenType.Null ? null : reader.GetString() },
                _ => throw new JsonException($"Unknown calendar field '{name}'; expected year, month, dayOfMonth, dayOfWeek, hour, minute, second or comment."),
            };
        }

        return spec;
    }

    public override void Write(Utf8JsonWriter writer, CalendarSpec value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteField(writer, "year", value.Year);
        WriteField(writer, "month", value.Month);
        WriteField(writer, "dayOfMonth", value.DayOfMonth);
        WriteField(writer, "dayOfWeek", value.DayOfWeek);
        WriteField(writer, "hour", value.Hour);
        WriteField(writer, "minute", value.Minute);
        WriteField(writer, "second", value.Second);
        if (value.Comment is not null)
        {
            writer.WriteString("comment", value.Comment);
        }

        writer.WriteEndObject();
    }

    private static CalendarField? ReadField(ref Utf8JsonReader reader, string field, string[]? names)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when reader.GetString() == "*":
                return CalendarField.Every;
            case JsonTokenType.StartArray:
                var ranges = new List<CalendarRange>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ranges.Add(ReadRange(ref reader, field, names));
                }

                return new CalendarField { Ranges = ranges };
            default:
                return CalendarField.Of(ReadRange(ref reader, field, names));
        }
    }

    private static CalendarRange ReadRange(ref Utf8JsonReader reader, string field, string[]? names)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var value = ReadValue(ref reader, field, names);
            return new CalendarRange { Start = value, End = value };
        }

        int? start = null, end = null;
        var step = 1;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString()!;
            reader.Read();
            switch (property.ToUpperInvariant())
            {
                case "START":
                    start = ReadValue(ref reader, field, names);
                    break;
                case "END":
                    end = ReadValue(ref reader, field, names);
                    break;
                case "STEP":
                    step = ReadValue(ref reader, field, null);
                    break;
                default:
                    throw new JsonException($"Unknown property '{property}' in a range of calendar field '{field}'; expected start, end, step.");
            }
        }

        var first = start ?? throw new JsonException($"A range of calendar field '{field}' needs a start.");
        return new CalendarRange { Start = first, End = end ?? first, Step = step };
    }

    private static int ReadValue(ref Utf8JsonReader reader, string field, string[]? names)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            return number;
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()!.Trim() : null;
        if (text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        if (text is { Length: >= 3 } && names is not null)
        {
            var index = Array.FindIndex(names, n => n.StartsWith(text, StringComparison.OrdinalIgnoreCase) && (text.Length == 3 || n.Length == text.Length));
            if (index >= 0)
            {
                return names == _months ? index + 1 : index;
            }
        }

        throw new JsonException($"Calendar field '{field}' has an invalid value '{text ?? reader.TokenType.ToString()}'.");
    }

    private static void WriteField(Utf8JsonWriter writer, string name, CalendarField? field)
    {
        if (field is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        if (field.IsEvery)
        {
            writer.WriteStringValue("*");
        }
        else if (field.Ranges.Count == 1)
        {
            WriteRange(writer, field.Ranges[0]);
        }
        else
        {
            writer.WriteStartArray();
            foreach (var range in field.Ranges)
            {
                WriteRange(writer, range);
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteRange(Utf8JsonWriter writer, CalendarRange range)
    {
        if (range.Start == range.End)
        {
            writer.WriteNumberValue(range.Start);
            return;
        }

        writer.WriteStartObject();
        writer.WriteNumber("start", range.Start);
        writer.WriteNumber("end", range.End);
        if (range.Step != 1)
        {
            writer.WriteNumber("step", range.Step);
        }

        writer.WriteEndObject();
    }
}
