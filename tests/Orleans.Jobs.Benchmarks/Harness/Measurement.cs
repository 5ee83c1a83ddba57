namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>One figure of one scenario for one system, with every repetition's value.</summary>
public sealed record Measurement(string Scenario, string Metric, string Unit, string System, bool HigherIsBetter)
{
    public List<double> Values { get; } = [];

    public double Median => Percentiles.Median(Values);

    public double Min => Values.Count == 0 ? double.NaN : Values.Min();

    public double Max => Values.Count == 0 ? double.NaN : Values.Max();
}
