namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>Every figure measured in this run, and the notes that go with them.</summary>
public sealed class BenchmarkResults
{
    private readonly List<Measurement> _measurements = [];

    public List<string> Notes { get; } = [];

    /// <summary>Scenarios that did not complete or did not count their work: a quick run fails on any.</summary>
    public List<string> Failures { get; } = [];

    public IReadOnlyList<Measurement> Measurements => _measurements;

    public void Add(string scenario, string metric, string unit, string system, double value, bool higherIsBetter = true)
    {
        var measurement = _measurements.SingleOrDefault(m => m.Scenario == scenario && m.Metric == metric && m.System == system);
        if (measurement is null)
        {
            measurement = new Measurement(scenario, metric, unit, system, higherIsBetter);
            _measurements.Add(measurement);
        }

        measurement.Values.Add(value);
        Console.WriteLine($"  {scenario} · {metric} · {system}: {Format(value)} {unit}");
    }

    public void Check(string scenario, string system, bool condition, string what)
    {
        if (!condition)
        {
            Failures.Add($"{scenario} ({system}): {what}");
            Console.WriteLine($"  ✗ {scenario} ({system}): {what}");
        }
    }

    public static string Format(double value) => double.IsNaN(value) ? "–"
        : Math.Abs(value) >= 100 ? value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("N1", System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString("N2", System.Globalization.CultureInfo.InvariantCulture);
}
