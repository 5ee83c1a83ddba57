namespace Orleans.Jobs.Runs;

/// <summary>
/// What a status returned by Prepare or Perform asks of the engine: to complete, to wait until a time, or to go on.
/// The one reading of a step's result, shared by runs, payload items and the job authors' test kit.
/// </summary>
internal readonly record struct StepResult
{
    private StepResult(JobCheckpoint checkpoint, DateTimeOffset? wakeAt)
    {
        Checkpoint = checkpoint;
        WakeAt = wakeAt;
    }

    /// <summary>What is committed: the status without its wait request, so the next Perform starts from a plain status.</summary>
    public JobCheckpoint Checkpoint { get; }

    /// <summary>
    /// When the status asked to be woken (<see cref="JobCheckpoint.WakeAt"/>, else <see cref="JobCheckpoint.SleepFor"/>
    /// from the moment it was read); null when it asked for no wait. May lie in the past: the wait is then already over.
    /// </summary>
    public DateTimeOffset? WakeAt { get; }

    /// <summary>The job is done; its result is <see cref="JobCheckpoint.Result"/>.</summary>
    public bool Complete => Checkpoint.Complete;

    /// <summary>The status asked for a wait (past or future), which is committed before any further Perform.</summary>
    public bool AsksToWait => WakeAt is not null;

    /// <summary>Reads <paramref name="status"/> at <paramref name="now"/>.</summary>
    public static StepResult Read(JobCheckpoint status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var wakeAt = status.WakeAt ?? (status.SleepFor is { } sleep ? Later(now, sleep) : null);
        var checkpoint = status.WakeAt is null && status.SleepFor is null ? status : status with { WakeAt = null, SleepFor = null };
        return new StepResult(checkpoint, wakeAt);
    }

    /// <summary><paramref name="now"/> + <paramref name="sleep"/>, or the end of time when that lies past it.</summary>
    private static DateTimeOffset Later(DateTimeOffset now, TimeSpan sleep) =>
        sleep >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + sleep;

    /// <summary>Whether the job must still wait at <paramref name="now"/>, and how long.</summary>
    public TimeSpan WaitAt(DateTimeOffset now) => WakeAt is { } at && at > now ? at - now : TimeSpan.Zero;
}
