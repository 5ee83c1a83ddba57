namespace Orleans.Jobs.Scheduling;

/// <summary>The events a job raises for webhooks (see <see cref="JobEventTypes"/>).</summary>
internal sealed partial class JobGrain
{
    private static readonly IReadOnlyDictionary<string, string> _noLabels = new Dictionary<string, string>();

    /// <summary>Raises <paramref name="type"/>; the event and its <paramref name="summary"/> are built only when a subscription wants it.</summary>
    private Task RaiseAsync(string type, Func<string> summary, string? runId = null, RunStatus? runStatus = null, DateTimeOffset? nextFireAt = null)
    {
        var jobType = State.Definition?.Type;
        return events.PublishAsync(type, JobId, State.Definition?.Labels ?? _noLabels,
            () => events.Create(type, JobId, jobType, summary(), runId, runStatus, nextFireAt));
    }

    private Task RaiseScheduledAsync(string what) =>
        State.NextFireAt is { } next ? RaiseAsync(JobEventTypes.Scheduled, () => $"{what}; next fire {next:O}.", nextFireAt: next) : Task.CompletedTask;

    private Task RaiseRunFinishedAsync(RunHistoryEntry entry) => entry.Status switch
    {
        RunStatus.Completed => RaiseAsync(JobEventTypes.Completed, () => $"{entry.Steps} steps in {entry.Attempts} attempt(s).", entry.RunId, entry.Status),
        RunStatus.Terminated => RaiseAsync(JobEventTypes.Cancelled, () => $"Run terminated: {entry.TerminationReason ?? "no reason given"}.", entry.RunId, entry.Status),
        _ => RaiseAsync(JobEventTypes.Failed, () => entry.Error is { } error ? $"{error.Type}: {error.Message}" : "failed", entry.RunId, entry.Status),
    };
}
