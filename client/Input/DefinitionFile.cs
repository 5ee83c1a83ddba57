using System.Text.Json;
using Orleans.Jobs.Cli.Invocation;
using YamlDotNet.Serialization;

namespace Orleans.Jobs.Cli.Input;

/// <summary>
/// A job definition from a file: JSON, or YAML (<c>.yaml</c>/<c>.yml</c>) with the same fields — <c>id</c>,
/// <c>type</c>, <c>parameters</c>, <c>schedules</c> (each with <c>kind</c>: cron, interval, calendar, once), …
/// </summary>
internal static class DefinitionFile
{
    public static JobDefinition Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--file '{path}' cannot be read: {exception.Message}");
        }

        var isYaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        try
        {
            var json = isYaml ? YamlToJson(text) : text;
            return JsonSerializer.Deserialize<JobDefinition>(json, JobJson.Options)
                ?? throw new CliInputException($"--file '{path}' holds no definition.");
        }
        catch (JsonException exception)
        {
            throw new CliInputException($"--file '{path}' is not a valid job definition: {exception.Message}");
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new CliInputException($"--file '{path}' is not valid YAML: {exception.Message}");
        }
    }

    private static string YamlToJson(string yaml)
    {
        var graph = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object?>(yaml);
        return new SerializerBuilder().JsonCompatible().Build().Serialize(graph);
    }
}
