namespace Orleans.Jobs.Scheduling;

/// <summary>The events a job raises for webhooks (see <see cref="JobEventTypes"/>).</summary>
internal sealed partial class JobGrain
{
    private static readonly IReadOnlyDictionary<string, string> _noLabels = new Dictionary<string, string>();

    private Task RaiseAsync(string type, string summary, string? runId = null, RunStatus? runStatus = null, DateTimeOffset? nextFireAt = null) =>
        events.PublishAsync(
            events.Create(type, JobId, State.Definition?.Type, summary, runId, runStatus, nextFireAt),
            State.Definition?.Labels ?? _noLabels);

    private Task RaiseScheduledAsync(string what) =>
        State.NextFireAt is { } next ? RaiseAsync(JobEventTypes.Scheduled, $"{what}; next fire {next:O}.", nextFireAt: next) : Task.CompletedTask;

    private Task RaiseRunFinishedAsync(RunHistoryEntry entry) => entry.Status switch
    {
        RunStatus.Completed => RaiseAsync(JobEventTypes.Completed, $"{entry.Steps} steps in {entry.Attempts} attempt(s).", entry.RunId, entry.Status),
        RunStatus.Terminated => RaiseAsync(JobEventTypes.Cancelled, $"Run terminated: {entry.TerminationReason ?? "no reason given"}.", entry.RunId, entry.Status),
        _ => RaiseAsync(JobEventTypes.Failed, entry.Error is { } error ? $"{error.Type}: {error.Message}" : "failed", entry.RunId, entry.Status),
    };
}
