using Orleans.Storage;

namespace Orleans.Jobs.Storage;

/// <summary>
/// <see cref="IGrainStorage"/> over an <see cref="InMemoryJobsStore"/> that outlives any one silo, with the same
/// ETag rules as the Blob provider: insert-only when the ETag is null, If-Match after, a conflict is an
/// <see cref="InconsistentStateException"/> and changes nothing. States are stored serialized, never shared.
/// </summary>
public sealed class InMemoryGrainStorage(InMemoryJobsStore store, IGrainStorageSerializer serializer) : IGrainStorage
{
    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.GrainStates.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Data);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var data = serializer.Serialize(grainState.State);
        lock (store.GrainStates)
        {
            store.GrainStates.TryGetValue(key, out var current);
            ThrowIfStale(current, grainState.ETag, key);
            var etag = store.NextETag();
            store.GrainStates[key] = new InMemoryJobsStore.StoredState(data, etag);
            store.CountGrainStateWrite();
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        lock (store.GrainStates)
        {
            store.GrainStates.TryGetValue(key, out var current);
            ThrowIfStale(current, grainState.ETag, key);
            store.GrainStates.Remove(key);
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        }

        return Task.CompletedTask;
    }

    private static void ThrowIfStale(InMemoryJobsStore.StoredState? current, string? expectedETag, string key)
    {
        var currentETag = current?.ETag;
        if (!string.Equals(currentETag, expectedETag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"ETag mismatch for '{key}': expected '{expectedETag ?? "(none)"}', stored '{currentETag ?? "(none)"}'.",
                currentETag ?? string.Empty,
                expectedETag ?? string.Empty);
        }
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
