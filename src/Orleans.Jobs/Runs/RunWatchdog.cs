namespace Orleans.Jobs.Runs;

/// <summary>
/// Decides what the run's timers and its keep-alive reminder do on a tick. Pure, like <see cref="RunStateMachine"/>:
/// the keep-alive tick and this activation's own periodic check (either may fail to arrive while the cluster's
/// membership changes) bring back a step that was lost, and give up an activation whose step is stuck.
/// </summary>
internal static class RunWatchdog
{
    /// <summary>The least time past its deadline a step may stay in flight before its activation counts as stuck.</summary>
    public static readonly TimeSpan MinimumStuckStepGrace = TimeSpan.FromSeconds(10);

    /// <summary>What the keep-alive reminder's tick does.</summary>
    public static KeepAliveTickAction OnKeepAliveTick(RunState state, RunActivation activation)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!activation.RecordExists)
        {
            // No run here as far as this activation read. It may have been made (by this very tick) before the run's
            // first checkpoint landed, or be a short-lived duplicate: read again before giving up the reminder a live
            // run depends on (seen in the chaos test: a duplicate's tick unregistered a running run's keep-alive).
            return KeepAliveTickAction.ReadAgain;
        }

        return state.Status switch
        {
            // The run finished but its job (or its webhook sinks) may not have heard (the silo died in between).
            _ when state.Status.IsFinished() => KeepAliveTickAction.RepeatReports,
            RunStatus.Paused => KeepAliveTickAction.Unregister,
            _ => KeepAliveTickAction.Check,
        };
    }

    /// <summary>What the step timer's callback does.</summary>
    public static StepTimerAction OnStepTimer(RunState state, RunActivation activation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (activation.StepInFlight || activation.Stale || !activation.RecordExists || !state.Status.IsActive())
        {
            return StepTimerAction.Ignore;
        }

        var notYet = (state.Status == RunStatus.Sleeping && state.WakeAt > now) || (state.Status == RunStatus.Retrying && state.RetryAt > now);
        return notYet ? StepTimerAction.Rearm : StepTimerAction.Begin;
    }

    /// <summary>When the next step is due: now, or when the run wakes or retries.</summary>
    public static DateTimeOffset NextStepAt(RunState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var at = state.Status switch
        {
            RunStatus.Sleeping => state.WakeAt,
            RunStatus.Retrying => state.RetryAt,
            _ => null,
        } ?? now;
        return at > now ? at : now;
    }

    /// <summary>The check of an active run's progress, by the keep-alive tick and by the activation's own timer.</summary>
    public static ProgressAction CheckProgress(RunState state, RunActivation activation, DateTimeOffset now, TimeSpan keepAlivePeriod)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (activation.Stale || !activation.RecordExists || !state.Status.IsActive())
        {
            // Going away, or nothing to watch; the next tick reaches a fresh activation.
            return ProgressAction.None;
        }

        if (activation.StepInFlight)
        {
            // A step (or its checkpoint) that outlives its deadline by far is stuck on something the deadline does
            // not bound, such as a storage call that never returns: give up this activation; a fresh one resumes
            // from the last committed checkpoint.
            var deadline = state.Definition?.StepDeadline ?? TimeSpan.Zero;
            return activation.StepStartedAt is { } began && now - began > deadline + StuckStepGrace(keepAlivePeriod)
                ? ProgressAction.StepDown
                : ProgressAction.None;
        }

        if (!activation.StepArmed)
        {
            return ProgressAction.ArmStep;
        }

        // The next step was due long ago and has not started: its timer did not fire, or fired and stopped short
        // (seen on activations moved off a stopping silo). Arm it again rather than leave the run waiting.
        return activation.StepDueAt is { } due && now - due > keepAlivePeriod ? ProgressAction.RearmOverdueStep : ProgressAction.None;
    }

    /// <summary>How long past its deadline a step may stay in flight: two keep-alive periods, at least 10 s.</summary>
    public static TimeSpan StuckStepGrace(TimeSpan keepAlivePeriod) =>
        keepAlivePeriod * 2 > MinimumStuckStepGrace ? keepAlivePeriod * 2 : MinimumStuckStepGrace;
}
