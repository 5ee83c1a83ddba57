namespace Orleans.Jobs.Runs;

/// <summary>What happens to a run, as the <see cref="RunStateMachine"/> reads it.</summary>
internal abstract record RunEvent
{
    private RunEvent()
    {
    }

    /// <summary>The job grain starts the run (again: a fire delivered twice, or a start whose answer was lost).</summary>
    public sealed record Start(RunStartRequest Request) : RunEvent;

    /// <summary>A due step begins on this activation, after its ownership check.</summary>
    public sealed record StepStarting : RunEvent;

    /// <summary>
    /// A step came back: Prepare's or Perform's status, whether a Perform ran (a Prepare that completes or sleeps
    /// commits without one), and where the sink put the result of a completing status.
    /// </summary>
    public sealed record StepCommitted(JobCheckpoint Status, bool Performed, string? ResultReference) : RunEvent;

    /// <summary>The attempt failed: job code threw, the step deadline passed, or the sink refused the result.</summary>
    public sealed record AttemptFailed(RunError Error) : RunEvent;

    /// <summary>Pause between steps.</summary>
    public sealed record Pause : RunEvent;

    /// <summary>Resume a paused run.</summary>
    public sealed record Resume : RunEvent;

    /// <summary>Terminate: the step in flight is cancelled and its result discarded.</summary>
    public sealed record Terminate(string? Reason) : RunEvent;

    /// <summary>A failed run gets one attempt more after <paramref name="Delay"/>.</summary>
    public sealed record Retry(TimeSpan Delay) : RunEvent;

    /// <summary>A result delivery was given up.</summary>
    public sealed record SinkFailed(string Reason) : RunEvent;

    /// <summary>A completed run's result was handed to its webhook sinks; the starts that failed, with why.</summary>
    public sealed record ResultDeliveriesStarted(IReadOnlyList<string> Failures) : RunEvent;

    /// <summary>Another activation wrote the checkpoint since this one last did, or this one cannot go on.</summary>
    public sealed record Superseded : RunEvent;
}
