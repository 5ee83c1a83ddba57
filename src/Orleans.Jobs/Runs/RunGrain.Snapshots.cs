namespace Orleans.Jobs.Runs;

/// <summary>Views of the run: its snapshot for callers, its catalog row, and the activation facts decisions read.</summary>
internal sealed partial class RunGrain
{
    private RunActivation Activation() => new()
    {
        RecordExists = _state.RecordExists,
        Stale = _stale,
        StepInFlight = _stepInFlight,
        PauseRequested = _pauseRequested,
        StepArmed = _stepTimer is not null || _stepQueued,
        StepDueAt = _stepDueAt,
        StepStartedAt = _stepStartedAt,
    };

    private RunCatalogEntry CatalogEntry() => RunCatalogEntry.Of(Snapshot());

    private RunSnapshot Snapshot() => new()
    {
        RunId = RunId,
        JobId = State.JobId,
        Type = Definition.Type,
        MaximumAttempts = Definition.Retry.MaximumAttempts,
        Occurrence = State.Occurrence,
        Status = State.Status,
        KeepAliveMissing = _keepAliveMissing && State.Status.IsActive(),
        Attempt = State.Attempt,
        Step = State.Step,
        CheckpointJson = State.Checkpoint?.State.GetRawText(),
        CreatedAt = State.CreatedAt,
        LastCheckpointAt = State.LastCheckpointAt,
        Progress = State.Checkpoint?.Progress,
        FinishedAt = State.FinishedAt,
        WakeAt = State.WakeAt,
        SinkFailures = [.. State.SinkFailures],
        RetryAt = State.RetryAt,
        Error = State.Error,
        Silo = _silo,
        ResultReference = State.ResultReference,
        TerminationReason = State.TerminationReason,
        PauseRequested = _pauseRequested,
    };
}
