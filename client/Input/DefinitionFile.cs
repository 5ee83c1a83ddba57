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
            // Read no more than a definition can be (1 MiB as JSON; YAML a little longer), whatever the file holds.
            if (new FileInfo(path).Length > LargestFileBytes)
            {
                throw new CliInputException($"--file '{path}' is larger than {LargestFileBytes / 1024 / 1024} MiB; a definition is at most {JobDefinitionRules.LargestDefinitionBytes / 1024 / 1024} MiB.");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--file '{path}' cannot be read: {exception.Message}");
        }

        var isYaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        try
        {
            var json = isYaml ? YamlToJson(text, path) : text;
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

    private const long LargestFileBytes = 2 * 1024 * 1024;

    private static string YamlToJson(string yaml, string path)
    {
        // Aliases would let a few lines expand into gigabytes of JSON ("billion laughs"): a definition needs none.
        var parser = new YamlDotNet.Core.Parser(new StringReader(yaml));
        while (parser.MoveNext())
        {
            if (parser.Current is YamlDotNet.Core.Events.AnchorAlias alias)
            {
                throw new CliInputException($"--file '{path}' uses a YAML alias (*{alias.Value}) at line {alias.Start.Line}; write the value out instead.");
            }
        }

        var graph = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object?>(yaml);
        return new SerializerBuilder().JsonCompatible().Build().Serialize(graph);
    }
}
