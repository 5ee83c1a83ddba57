namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>
/// How much to measure. Quick: one repetition of small sizes, a smoke check that every scenario completes and counts
/// its work (under 5 minutes). Full: a warm-up, then at least three alternating repetitions of the full sizes.
/// </summary>
public sealed record BenchmarkMode
{
    public required string Name { get; init; }

    /// <summary>Repetitions measured per system, alternating systems (A B A B …).</summary>
    public required int Repetitions { get; init; }

    /// <summary>Whether one unmeasured repetition of each system runs first.</summary>
    public required bool WarmUp { get; init; }

    /// <summary>P1: no-op one-off jobs due at the same instant.</summary>
    public required int DrainJobs { get; init; }

    /// <summary>P2: durable three-step runs.</summary>
    public required int DurableRuns { get; init; }

    /// <summary>P3: jobs firing every second, and for how long.</summary>
    public required int PunctualJobs { get; init; }

    public required TimeSpan PunctualFor { get; init; }

    /// <summary>P4: triggers of one job on an idle engine.</summary>
    public required int IdleTriggers { get; init; }

    /// <summary>P5: scheduled future jobs.</summary>
    public required int PopulationJobs { get; init; }

    /// <summary>Limits: operations per measurement.</summary>
    public required int LimitOperations { get; init; }

    /// <summary>Workers of the peers (Quartz thread pool, Hangfire workers), and concurrent requests to storage.</summary>
    public int Workers { get; init; } = 10;

    public static BenchmarkMode Quick { get; } = new()
    {
        Name = "quick", Repetitions = 1, WarmUp = false, DrainJobs = 20_000, DurableRuns = 300, PunctualJobs = 100,
        PunctualFor = TimeSpan.FromSeconds(15), IdleTriggers = 200, PopulationJobs = 10_000, LimitOperations = 2_000,
    };

    public static BenchmarkMode Full { get; } = new()
    {
        Name = "full", Repetitions = 3, WarmUp = true, DrainJobs = 200_000, DurableRuns = 2_000, PunctualJobs = 100,
        PunctualFor = TimeSpan.FromSeconds(60), IdleTriggers = 200, PopulationJobs = 100_000, LimitOperations = 10_000,
    };
}
