using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orleans.Jobs.Diagnostics;

/// <summary>The <see cref="Meter"/> and <see cref="ActivitySource"/> named <c>Orleans.Jobs</c>.</summary>
public static class JobsInstrumentation
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = "Orleans.Jobs";

    /// <summary>Traces of run steps.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    private static readonly Meter _meter = new(Name);

    internal static Counter<long> RunsStarted { get; } = _meter.CreateCounter<long>("orleans_jobs.runs.started", description: "Runs accepted.");

    internal static Counter<long> RunsFinished { get; } = _meter.CreateCounter<long>("orleans_jobs.runs.finished", description: "Runs finished, tagged by status.");

    internal static Counter<long> AttemptsFailed { get; } = _meter.CreateCounter<long>("orleans_jobs.attempts.failed", description: "Attempts that failed.");

    internal static Histogram<double> StepDuration { get; } = _meter.CreateHistogram<double>("orleans_jobs.step.duration", unit: "ms", description: "Time spent in Prepare or Perform.");

    internal static Histogram<double> CheckpointDuration { get; } = _meter.CreateHistogram<double>("orleans_jobs.checkpoint.duration", unit: "ms", description: "Time to write a checkpoint.");
}
