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

    private RunSnapshot Snapshot() => Snapshot(State);

    /// <summary>The run as <paramref name="state"/> has it, with this activation's facts.</summary>
    private RunSnapshot Snapshot(RunState state) => new()
    {
        RunId = RunId,
        JobId = state.JobId,
        Type = DefinitionOf(state).Type,
        MaximumAttempts = DefinitionOf(state).Retry.MaximumAttempts,
        Occurrence = state.Occurrence,
        Status = state.Status,
        KeepAliveMissing = _keepAliveMissing && state.Status.IsActive(),
        Attempt = state.Attempt,
        Step = state.Step,
        CheckpointJson = state.Checkpoint?.State.GetRawText(),
        CreatedAt = state.CreatedAt,
        LastCheckpointAt = state.LastCheckpointAt,
        Progress = state.Checkpoint?.Progress,
        FinishedAt = state.FinishedAt,
        WakeAt = state.WakeAt,
        SinkFailures = [.. state.SinkFailures],
        RetryAt = state.RetryAt,
        Error = state.Error,
        Silo = _silo,
        ResultReference = state.ResultReference,
        TerminationReason = state.TerminationReason,
        PauseRequested = _pauseRequested,
    };

    private JobDefinition DefinitionOf(RunState state) =>
        state.Definition ?? throw new InvalidOperationException($"Run {RunId} has no definition.");
}
