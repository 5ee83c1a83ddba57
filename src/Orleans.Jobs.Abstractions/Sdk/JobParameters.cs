using System.Text.Json;

namespace Orleans.Jobs;

/// <summary>A run's parameters: a JSON object, read by name or as a whole into a typed object.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.JobParameters")]
[System.Text.Json.Serialization.JsonConverter(typeof(JobParametersJsonConverter))]
public sealed class JobParameters : IEquatable<JobParameters>
{
    /// <summary>No parameters (<c>{}</c>).</summary>
    public static JobParameters Empty { get; } = new("{}");

    private JobParameters(string json) => Json = json;

    /// <summary>The parameters as a JSON object.</summary>
    [Id(0)]
    public string Json { get; }

    /// <summary>Size of <see cref="Json"/> in UTF-8 bytes.</summary>
    public int ByteCount => System.Text.Encoding.UTF8.GetByteCount(Json);

    /// <summary>Parses a JSON object; throws <see cref="JobValidationException"/> naming the problem otherwise.</summary>
    public static JobParameters Parse(string? json, string field = "parameters")
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JobValidationException(field, $"must be a JSON object, not {document.RootElement.ValueKind}.");
            }

            return new JobParameters(JsonSerializer.Serialize(document.RootElement, JobJson.Options));
        }
        catch (JsonException exception)
        {
            throw new JobValidationException(field, $"is not valid JSON: {exception.Message}");
        }
    }

    /// <summary>Serializes <paramref name="value"/> (an object or dictionary) as the parameters.</summary>
    public static JobParameters From(object? value) =>
        value is null ? Empty : Parse(JsonSerializer.Serialize(value, value.GetType(), JobJson.Options));

    /// <summary>Reads the whole object as <typeparamref name="T"/>.</summary>
    public T As<T>() => JsonSerializer.Deserialize<T>(Json, JobJson.Options)
        ?? throw new InvalidOperationException($"The parameters cannot be read as {typeof(T).Name}.");

    /// <summary>Reads one property as <typeparamref name="T"/>, or <paramref name="fallback"/> when it is missing.</summary>
    public T? Get<T>(string name, T? fallback = default)
    {
        using var document = JsonDocument.Parse(Json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.Deserialize<T>(JobJson.Options);
            }
        }

        return fallback;
    }

    /// <inheritdoc />
    public bool Equals(JobParameters? other) => other is not null && string.Equals(Json, other.Json, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as JobParameters);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Json);

    /// <inheritdoc />
    public override string ToString() => Json;
}
