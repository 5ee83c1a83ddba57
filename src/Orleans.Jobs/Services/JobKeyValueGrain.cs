using System.Text.Json;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Configuration;

namespace Orleans.Jobs.Services;

/// <summary>A job's key-value store: one grain per job, written through on every put.</summary>
internal sealed class JobKeyValueGrain(
    [PersistentState("kv", JobsStorageNames.GrainStorage)] IPersistentState<JobKeyValueState> state,
    IOptions<JobsOptions> options) : Grain, IJobKeyValueGrain, IJobKeyValueWriterGrain
{
    private const int MaximumKeyLength = 256;

    private Dictionary<string, string> Values => state.State.Values;

    public Task<string?> GetAsync(string key)
    {
        ValidateKey(key);
        return Task.FromResult(Values.GetValueOrDefault(key));
    }

    public async Task PutAsync(string key, string json)
    {
        ValidateKey(key);
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > options.Value.MaximumStoreValueBytes)
        {
            throw new JobValidationException($"store[{key}]", $"the value is {bytes} bytes; the limit is {options.Value.MaximumStoreValueBytes}.");
        }

        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new JobValidationException($"store[{key}]", $"the value is not JSON: {exception.Message}");
        }

        if (!Values.ContainsKey(key) && Values.Count >= options.Value.MaximumStoreKeys)
        {
            throw new JobValidationException("store", $"holds {Values.Count} keys, the limit; delete one before adding '{key}'.");
        }

        if (Values.TryGetValue(key, out var current) && current == json)
        {
            return;
        }

        Values[key] = json;
        await state.WriteStateAsync();
    }

    public async Task<bool> DeleteAsync(string key)
    {
        ValidateKey(key);
        if (!Values.Remove(key))
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    public Task<IReadOnlyDictionary<string, string>> ListAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new SortedDictionary<string, string>(Values, StringComparer.Ordinal));

    public async Task ClearAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new JobKeyValueState();
    }

    private static void ValidateKey(string key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaximumKeyLength)
        {
            throw new JobValidationException("store.key", $"keys must be 1–{MaximumKeyLength} characters and not blank, not '{key}'.");
        }
    }
}
