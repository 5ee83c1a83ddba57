namespace Orleans.Jobs.Runs;

/// <summary>The <see cref="RunStateMachine"/>'s answer: the next state, how to store it, and what to do once stored.</summary>
internal sealed record RunTransition
{
    /// <summary>The run's next state (the same instance when nothing changes).</summary>
    public required RunState State { get; init; }

    /// <summary>Whether a pause waits for the step in flight to commit.</summary>
    public bool PauseRequested { get; init; }

    /// <summary>How <see cref="State"/> is stored.</summary>
    public RunWrite Write { get; init; }

    /// <summary>What to carry out, in order, once the write has landed.</summary>
    public IReadOnlyList<RunEffect> Effects { get; init; } = [];

    /// <summary>Why the event is refused (a conflict for the caller); nothing changes then.</summary>
    public string? Conflict { get; init; }
}
