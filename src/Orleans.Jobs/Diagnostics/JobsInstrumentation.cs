using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orleans.Jobs.Diagnostics;

/// <summary>
/// The <see cref="Meter"/> and <see cref="ActivitySource"/> named <c>Orleans.Jobs</c>. Metrics: runs started, resumed
/// (a run's activation came back from its checkpoint, after a failover or an idle spell) and finished (by status),
/// failed attempts, step duration, schedule lateness (occurrence time to the first step), checkpoint latency. Traces:
/// a "start" span where a job starts a run (a child of the caller's span when Orleans activity propagation is on), and
/// one span per Prepare or Perform step, parented to that start span even when the step runs on another silo later.
/// </summary>
public static class JobsInstrumentation
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = "Orleans.Jobs";

    /// <summary>Tag: the job type.</summary>
    public const string JobTypeTag = "orleans_jobs.job_type";

    /// <summary>Tag: the job id.</summary>
    public const string JobIdTag = "orleans_jobs.job_id";

    /// <summary>Tag: the run id.</summary>
    public const string RunIdTag = "orleans_jobs.run_id";

    /// <summary>Traces of run starts and steps.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    private static readonly Meter _meter = new(Name);

    internal static Counter<long> RunsStarted { get; } = _meter.CreateCounter<long>("orleans_jobs.runs.started", unit: "{run}", description: "Runs accepted, by job type and origin.");

    internal static Counter<long> RunsResumed { get; } = _meter.CreateCounter<long>("orleans_jobs.runs.resumed", unit: "{run}", description: "Unfinished runs activated again from their checkpoint.");

    internal static Counter<long> RunsFinished { get; } = _meter.CreateCounter<long>("orleans_jobs.runs.finished", unit: "{run}", description: "Runs finished, by job type and status (Completed, Failed, Cancelled, Terminated).");

    internal static Counter<long> AttemptsFailed { get; } = _meter.CreateCounter<long>("orleans_jobs.attempts.failed", unit: "{attempt}", description: "Attempts that failed, by job type.");

    internal static Histogram<double> StepDuration { get; } = _meter.CreateHistogram<double>("orleans_jobs.step.duration", unit: "ms", description: "Time spent in Prepare or Perform.");

    internal static Histogram<double> ScheduleLateness { get; } = _meter.CreateHistogram<double>("orleans_jobs.schedule.lateness", unit: "ms", description: "From a run's occurrence time (fire or trigger) to its first step.");

    internal static Histogram<double> CheckpointDuration { get; } = _meter.CreateHistogram<double>("orleans_jobs.checkpoint.duration", unit: "ms", description: "Time to write a checkpoint.");

    internal static KeyValuePair<string, object?> JobType(string type) => new(JobTypeTag, type);
}
