namespace Orleans.Jobs.Runs;

/// <summary>The engine's reading of run statuses.</summary>
internal static class RunStatuses
{
    /// <summary>Whether a run in <paramref name="status"/> has steps to take (it is neither paused nor finished).</summary>
    public static bool IsActive(this RunStatus status) =>
        status is RunStatus.Pending or RunStatus.Running or RunStatus.Sleeping or RunStatus.Retrying;
}
