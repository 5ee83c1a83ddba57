namespace Orleans.Jobs;

/// <summary>Helpers over <see cref="RunStatus"/>.</summary>
public static class RunStatusExtensions
{
    /// <summary>True for statuses no run leaves: completed, failed, terminated.</summary>
    public static bool IsFinished(this RunStatus status) =>
        status is RunStatus.Completed or RunStatus.Failed or RunStatus.Terminated;
}
