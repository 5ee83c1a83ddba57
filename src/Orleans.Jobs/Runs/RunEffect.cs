using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Runs;

/// <summary>What the run grain carries out after a transition's write has landed, in the order given.</summary>
internal abstract record RunEffect
{
    private RunEffect()
    {
    }

    /// <summary>A line in the run's own log.</summary>
    public sealed record Note(LogLevel Level, string Message) : RunEffect;

    /// <summary>Arm the step timer for the state's next step (now, or when the run wakes or retries).</summary>
    public sealed record ArmStep : RunEffect;

    /// <summary>
    /// Begin the next step at once on this activation, without a timer. <paramref name="OwnershipJustClaimed"/>: the
    /// transition that leads to it is this activation's own checkpoint, just written, so the step needs no read-back.
    /// </summary>
    public sealed record BeginStep(bool OwnershipJustClaimed) : RunEffect;

    /// <summary>Drop the step timer: no step is due on this activation.</summary>
    public sealed record StopStepping : RunEffect;

    /// <summary>Register the keep-alive reminder in the background if it may be missing.</summary>
    public sealed record EnsureKeepAlive : RunEffect;

    /// <summary>Remove the keep-alive reminder: nothing needs to bring this run back.</summary>
    public sealed record UnregisterKeepAlive : RunEffect;

    /// <summary>Cancel the step in flight (its result is discarded, the run being finished).</summary>
    public sealed record CancelStep : RunEffect;

    /// <summary>Dispose the job instance; the next step prepares a new one from the checkpoint.</summary>
    public sealed record DisposeInvocation : RunEffect;

    /// <summary>Append the run log's buffered lines.</summary>
    public sealed record FlushLog : RunEffect;

    /// <summary>Hand a completed run's result to its webhook sinks, if not done yet.</summary>
    public sealed record StartResultDeliveries : RunEffect;

    /// <summary>Answer the callers waiting for the run to finish.</summary>
    public sealed record WakeWaiters : RunEffect;

    /// <summary>Waiters from now on wait for the next attempt's end.</summary>
    public sealed record ForgetWaiters : RunEffect;

    /// <summary>Count the run as started and log it.</summary>
    public sealed record ReportStarted : RunEffect;

    /// <summary>The first step began <paramref name="Lateness"/> after the occurrence.</summary>
    public sealed record ReportLateness(TimeSpan Lateness) : RunEffect;

    /// <summary>Count the run as finished and log it.</summary>
    public sealed record ReportFinished : RunEffect;

    /// <summary>Queue the run's catalog row.</summary>
    public sealed record UpdateCatalog : RunEffect;

    /// <summary>Tell the job that the run finished, from a turn of the run's own.</summary>
    public sealed record NotifyJob : RunEffect;

    /// <summary>Raise <c>run.sink_failed</c>.</summary>
    public sealed record PublishSinkFailed(string Reason) : RunEffect;

    /// <summary>Give up this activation; a fresh one resumes from the stored checkpoint.</summary>
    public sealed record StepDown : RunEffect;
}
