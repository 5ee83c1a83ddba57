namespace Orleans.Jobs.Runs;

/// <summary>What the decisions about a run need to know of the activation that carries it: facts that are not stored.</summary>
internal readonly record struct RunActivation
{
    /// <summary>The stored state exists (the run was started).</summary>
    public bool RecordExists { get; init; }

    /// <summary>This activation lost ownership of the run or is going away: it commits nothing more.</summary>
    public bool Stale { get; init; }

    /// <summary>A step (Prepare or Perform, and its commit) is running.</summary>
    public bool StepInFlight { get; init; }

    /// <summary>A pause waits for the step in flight to commit.</summary>
    public bool PauseRequested { get; init; }

    /// <summary>The step timer is registered.</summary>
    public bool StepArmed { get; init; }

    /// <summary>When the armed step is due.</summary>
    public DateTimeOffset? StepDueAt { get; init; }

    /// <summary>When the step in flight started.</summary>
    public DateTimeOffset? StepStartedAt { get; init; }

    /// <summary>Neither running a step nor waiting on an armed one, nor going away.</summary>
    public bool Idle => !StepArmed && !StepInFlight && !Stale;
}
