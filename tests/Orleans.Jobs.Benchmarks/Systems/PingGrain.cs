namespace Orleans.Jobs.Benchmarks.Systems;

/// <summary>Answers at once.</summary>
internal sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
