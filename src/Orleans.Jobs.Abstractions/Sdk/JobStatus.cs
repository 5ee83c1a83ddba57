namespace Orleans.Jobs;

/// <summary>Factory methods for <see cref="JobStatus{TState}"/>.</summary>
public static class JobStatus
{
    /// <summary>A fresh status over <paramref name="state"/>: not complete, not sleeping.</summary>
    public static JobStatus<TState> Start<TState>(TState state) => new(state);
}

/// <summary>
/// What Prepare and Perform return: the job's typed state plus what the engine should do next
/// (another step, sleep, or finish). The engine checkpoints it after every step.
/// </summary>
/// <typeparam name="TState">The job's own state; serialized with System.Text.Json.</typeparam>
public sealed class JobStatus<TState>
{
    /// <summary>Creates a status over <paramref name="state"/>.</summary>
    public JobStatus(TState state) => State = state;

    /// <summary>The job's own state.</summary>
    public TState State { get; }

    /// <summary>True when the run has finished its work.</summary>
    public bool IsComplete { get; private init; }

    /// <summary>The result handed to the run's sink when complete.</summary>
    public object? Result { get; private init; }

    /// <summary>When set, the next step waits until this time.</summary>
    public DateTimeOffset? WakeAt { get; private init; }

    /// <summary>When set, the next step waits this long (measured by the engine's clock).</summary>
    public TimeSpan? SleepFor { get; private init; }

    /// <summary>The state version recorded with a checkpoint this status was read from (1 for new statuses).</summary>
    public int StateVersion { get; internal init; } = 1;

    /// <summary>The counts the job reports for its work items (shown in the run's status); null when it reports none.</summary>
    public RunProgress? Progress { get; internal init; }

    /// <summary>Reports how many work items are done and how many are pending; kept with the checkpoint.</summary>
    public JobStatus<TState> WithProgress(long completed, long pending)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(completed);
        ArgumentOutOfRangeException.ThrowIfNegative(pending);
        return new(State)
        {
            IsComplete = IsComplete, Result = Result, WakeAt = WakeAt, SleepFor = SleepFor, StateVersion = StateVersion,
            Progress = new RunProgress { Completed = completed, Pending = pending },
        };
    }

    /// <summary>Reports work-item counts in full (as payload runs do); kept with the checkpoint.</summary>
    public JobStatus<TState> WithProgress(RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new(State)
        {
            IsComplete = IsComplete, Result = Result, WakeAt = WakeAt, SleepFor = SleepFor, StateVersion = StateVersion,
            Progress = progress,
        };
    }

    /// <summary>Marks the run complete with an optional result for the sink.</summary>
    public JobStatus<TState> Complete(object? result = null) =>
        new(State) { IsComplete = true, Result = result, StateVersion = StateVersion, Progress = Progress };

    /// <summary>
    /// Interruptible sleep: the run checkpoints, may be deactivated, and continues with this state at
    /// <paramref name="wakeAt"/>.
    /// </summary>
    public JobStatus<TState> SleepUntil(DateTimeOffset wakeAt) =>
        new(State) { WakeAt = wakeAt.ToUniversalTime(), StateVersion = StateVersion, Progress = Progress };

    /// <summary>Interruptible sleep for <paramref name="duration"/>, measured by the engine's clock.</summary>
    public JobStatus<TState> Sleep(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return new(State) { SleepFor = duration, StateVersion = StateVersion, Progress = Progress };
    }

    /// <summary>A status over a new state value (for immutable state types).</summary>
    public JobStatus<TState> With(TState state) => new(state) { StateVersion = StateVersion, Progress = Progress };
}
