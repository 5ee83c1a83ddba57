using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Jobs;

/// <summary>Writes <see cref="JobParameters"/> as the JSON object it holds (not as a string).</summary>
public sealed class JobParametersJsonConverter : JsonConverter<JobParameters>
{
    /// <inheritdoc />
    public override JobParameters Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return JobParameters.Parse(document.RootElement.GetRawText());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JobParameters value, JsonSerializerOptions options)
    {
        using var document = JsonDocument.Parse(value.Json);
        document.RootElement.WriteTo(writer);
    }
}
