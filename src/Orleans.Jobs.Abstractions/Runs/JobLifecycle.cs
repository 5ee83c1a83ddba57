namespace Orleans.Jobs;

/// <summary>A job's status.</summary>
public enum JobLifecycle
{
    /// <summary>Waiting for its next fire or trigger.</summary>
    Scheduled,

    /// <summary>A fire was accepted and waits (overlap policy or concurrency limit).</summary>
    Queued,

    /// <summary>A run is active.</summary>
    Running,

    /// <summary>Paused: fires nothing until resumed.</summary>
    Paused,

    /// <summary>No fire will ever come again; the last run completed.</summary>
    Completed,

    /// <summary>No fire will ever come again; the last run failed.</summary>
    Failed,

    /// <summary>Cancelled.</summary>
    Cancelled,
}
