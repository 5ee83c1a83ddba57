using System.Text.Json;

namespace Orleans.Jobs.Services;

/// <summary>The <see cref="IJobKeyValueStore"/> job code sees in a cluster: JSON through the job's key-value grain.</summary>
internal sealed class GrainJobKeyValueStore(IGrainFactory grains, string jobId) : IJobKeyValueStore
{
    private IJobKeyValueWriterGrain Writer => grains.GetGrain<IJobKeyValueWriterGrain>(jobId);

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        var json = await grains.GetGrain<IJobKeyValueGrain>(jobId).GetAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false);
        return json is null ? default : JsonSerializer.Deserialize<T>(json, JobJson.Options);
    }

    public Task PutAsync<T>(string key, T value, CancellationToken cancellationToken = default) =>
        Writer.PutAsync(key, JsonSerializer.Serialize(value, JobJson.Options)).WaitAsync(cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        Writer.DeleteAsync(key).WaitAsync(cancellationToken);
}
