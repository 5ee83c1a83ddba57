using System.Text.Json.Nodes;
using System.Text.Json;
using Orleans.Jobs.Cli.Invocation;

namespace Orleans.Jobs.Cli.Input;

/// <summary><c>name=value</c> pairs: labels, filters and parameters.</summary>
internal static class KeyValues
{
    public static Dictionary<string, string> Parse(IEnumerable<string>? pairs, string flag)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliInputException($"{flag} '{pair}' is not name=value.");
            }

            values[pair[..equals]] = pair[(equals + 1)..];
        }

        return values;
    }

    /// <summary>
    /// Parameters from <c>--params '{json}'</c> and <c>--param name=value</c> (a value that reads as JSON — a number,
    /// true, an array — keeps its type; anything else is a string). Null when neither is given.
    /// </summary>
    public static JobParameters? Parameters(string? json, IEnumerable<string>? pairs)
    {
        var given = KeyValues.Parse(pairs, "--param");
        if (json is null && given.Count == 0)
        {
            return null;
        }

        JsonObject root;
        try
        {
            root = json is null ? [] : JsonNode.Parse(json) as JsonObject ?? throw new CliInputException("--params must be a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new CliInputException($"--params is not valid JSON: {exception.Message}");
        }

        foreach (var (name, value) in given)
        {
            root[name] = ReadValue(value);
        }

        return JobParameters.Parse(root.ToJsonString());
    }

    private static JsonNode? ReadValue(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }
}
