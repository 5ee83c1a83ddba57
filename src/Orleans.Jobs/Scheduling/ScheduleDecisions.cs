namespace Orleans.Jobs.Scheduling;

/// <summary>
/// What the job grain must do after the <see cref="SchedulePlanner"/> has updated its state: terminate these runs, then
/// start the runs of these occurrences, in order. The state already counts the started runs as active.
/// </summary>
internal sealed class ScheduleDecisions
{
    /// <summary>Active runs to terminate first (overlap policy CancelRunning), with the reason.</summary>
    public List<(string RunId, string Reason)> Terminate { get; } = [];

    /// <summary>Occurrences whose runs to start, oldest first.</summary>
    public List<DateTimeOffset> Start { get; } = [];

    /// <summary>Whether the state changed and must be written.</summary>
    public bool Changed { get; set; }

    /// <summary>How many steps along the timeline this planning took (each asks every schedule for its next instant).</summary>
    public int Examined { get; set; }

    /// <summary>Whether due fires remain for a further slice, in a later turn.</summary>
    public bool MoreDue { get; set; }
}
