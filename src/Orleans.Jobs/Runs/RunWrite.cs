namespace Orleans.Jobs.Runs;

/// <summary>How a transition's next state is stored, and what a failed write means.</summary>
internal enum RunWrite
{
    /// <summary>Nothing is written: the change lives in the activation until a later write (a step starting).</summary>
    None,

    /// <summary>
    /// A checkpoint of the run's own progress: a write that fails (another activation won, or storage failed) makes
    /// this activation step down, and the stored checkpoint stands.
    /// </summary>
    Checkpoint,

    /// <summary>A change a caller asked for: a write that fails leaves memory as storage holds it and the caller hears why.</summary>
    CheckpointOrThrow,

    /// <summary>
    /// As <see cref="CheckpointOrThrow"/>, with the keep-alive reminder registered at the same time; a reminder that
    /// fails to register does not fail the call, it is registered again before the next step.
    /// </summary>
    CheckpointAndKeepAlive,
}
