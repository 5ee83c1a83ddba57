namespace Orleans.Jobs;

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    /// <summary>Accepted, no step taken yet.</summary>
    Pending,

    /// <summary>Taking steps.</summary>
    Running,

    /// <summary>In an interruptible sleep until its wake time.</summary>
    Sleeping,

    /// <summary>Waiting out a backoff before its next attempt.</summary>
    Retrying,

    /// <summary>Paused: takes no steps until resumed.</summary>
    Paused,

    /// <summary>Finished its work.</summary>
    Completed,

    /// <summary>Failed with no attempt left (or a non-retryable error).</summary>
    Failed,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated,
}
