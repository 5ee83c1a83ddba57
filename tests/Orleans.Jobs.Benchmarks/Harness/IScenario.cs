namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>One benchmark scenario, measured for each of its systems in turn.</summary>
internal interface IScenario
{
    /// <summary>Short id, as in <c>--only</c> (P1, P2, …, L).</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>The systems measured, in the order they alternate.</summary>
    IReadOnlyList<string> Systems(BenchmarkContext context);

    /// <summary>Measures <paramref name="system"/> once; the figures go to <paramref name="results"/>.</summary>
    Task RunAsync(string system, BenchmarkContext context, BenchmarkResults results, CancellationToken cancellationToken);
}
