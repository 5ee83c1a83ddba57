using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Jobs;

/// <summary>The JSON settings used for job state, parameters, results and persisted engine state.</summary>
public static class JobJson
{
    /// <summary>Web defaults (camelCase, case-insensitive reads) with enums as strings.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
