using System.Diagnostics;

namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>
/// Runs a scenario: an unmeasured warm-up of each system (full mode), then repetitions alternating systems; only the
/// systems in <c>only</c>, when given.
/// </summary>
internal sealed class BenchmarkRunner(BenchmarkContext context, BenchmarkResults results, IReadOnlyList<string>? only = null)
{
    public async Task RunAsync(IScenario scenario, CancellationToken cancellationToken)
    {
        var systems = scenario.Systems(context).Where(s => only is null || only.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
        if (systems.Count == 0)
        {
            return;
        }

        Console.WriteLine($"\n{scenario.Title}: {string.Join(", ", systems)}");
        if (context.Mode.WarmUp)
        {
            foreach (var system in systems)
            {
                await MeasureAsync(scenario, system, new BenchmarkResults(), "warm-up", cancellationToken);
            }
        }

        for (var repetition = 1; repetition <= context.Mode.Repetitions; repetition++)
        {
            foreach (var system in systems)
            {
                await MeasureAsync(scenario, system, results, $"repetition {repetition}", cancellationToken);
            }
        }
    }

    private async Task MeasureAsync(IScenario scenario, string system, BenchmarkResults into, string what, CancellationToken cancellationToken)
    {
        Console.WriteLine($" {system}, {what}");
        var clock = Stopwatch.StartNew();
        try
        {
            await scenario.RunAsync(system, context, into, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            results.Failures.Add($"{scenario.Title} ({system}, {what}): {exception.GetType().Name}: {exception.Message}");
            Console.WriteLine($"  ✗ {exception}");
        }

        Console.WriteLine($"  ({clock.Elapsed.TotalSeconds:0.0} s)");
        GC.Collect();
    }
}
