namespace Orleans.Jobs;

/// <summary>Whether a job meets its <see cref="JobDefinition.SuccessWithin"/>.</summary>
public enum JobHealthStatus
{
    /// <summary>Not tracked: no <c>successWithin</c>, or the job is paused, cancelled or over.</summary>
    NotTracked,

    /// <summary>It completed a run within the window (or the window has not yet run out).</summary>
    Healthy,

    /// <summary>No run completed within the window.</summary>
    Unhealthy,
}
