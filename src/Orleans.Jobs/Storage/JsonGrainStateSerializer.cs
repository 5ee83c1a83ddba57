using System.Text.Json;
using Orleans.Storage;

namespace Orleans.Jobs.Storage;

/// <summary>
/// Grain state as System.Text.Json (<see cref="JobJson.Options"/>): readable in storage, and the format job types
/// rely on to read and upgrade old checkpoints.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, JobJson.Options));

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input) =>
        input.ToObjectFromJson<T>(JobJson.Options) ?? throw new JsonException($"Stored state of type {typeof(T).Name} is null.");
}
