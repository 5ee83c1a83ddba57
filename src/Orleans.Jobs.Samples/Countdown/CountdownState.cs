namespace Orleans.Jobs.Samples.Countdown;

/// <summary>The countdown's checkpoint: each step done, and the process that did it.</summary>
public sealed class CountdownState
{
    /// <summary>Steps done so far, in order.</summary>
    public List<CountdownStep> Done { get; set; } = [];
}

/// <summary>
/// One step of a countdown: its number (from 1), the id of the process that performed it, and the id of that
/// performance (as the witness records it; null in checkpoints written before it was kept).
/// </summary>
public sealed record CountdownStep(int Step, int ProcessId, string? Execution = null);
