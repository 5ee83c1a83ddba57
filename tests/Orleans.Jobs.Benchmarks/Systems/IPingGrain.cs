namespace Orleans.Jobs.Benchmarks.Systems;

/// <summary>The cheapest grain call there is: the limit grain calls are measured against.</summary>
[Alias("Orleans.Jobs.Benchmarks.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<int> PingAsync(int value);
}
