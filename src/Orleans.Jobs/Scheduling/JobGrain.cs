using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Catalog;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Hosting;

namespace Orleans.Jobs.Scheduling;

/// <summary>
/// A job: definition (validated, versioned), generation, schedule, active runs, bounded history and occurrence ledger.
/// Not reentrant: its calls, timers and reminder ticks run one at a time. A fire or trigger starts the run first and
/// records it after, so a run's critical path holds no write of this grain; the run's id (job, generation,
/// occurrence) makes a fire or trigger delivered twice find the run it already started.
/// </summary>
internal sealed partial class JobGrain(
    [PersistentState("job", JobsStorageNames.GrainStorage)] IPersistentState<JobState> state,
    JobDefinitionValidator validator,
    SchedulePlanner planner,
    BackfillPlanner backfills,
    CatalogUpdateQueue catalog,
    Events.JobEventPublisher events,
    [FromKeyedServices(JobsTime.Key)] TimeProvider time,
    ILocalSiloDetails silo,
    IOptions<JobsOptions> options,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IJobEngineGrain
{
    private string? _jobId;

    private JobState State => state.State;

    private string JobId => _jobId ??= this.GetPrimaryKeyString();

    private bool Exists => state.RecordExists && State.Definition is not null;

    public async Task<JobSnapshot> CreateAsync(JobDefinition definition)
    {
        validator.Validate(definition);
        EnsureKeyMatches(definition);
        var normalized = Normalize(definition);
        if (Exists)
        {
            if (SameDefinition(State.Definition!, normalized))
            {
                return Snapshot();
            }

            throw new JobConflictException($"Job '{JobId}' already exists (version {State.Version}) with a different definition; update it instead.");
        }

        var now = time.GetUtcNow();
        var firstEver = !state.RecordExists;
        State.Definition = normalized;
        State.Version = 1;
        State.Generation++;
        State.CreatedAt = now;
        State.UpdatedAt = now;
        State.ActiveRuns = [];
        State.History = [];
        State.Completed = State.Failed = State.Terminated = 0;
        State.NextFireAt = ScheduleTimeline.NextAfter(normalized, now);
        State.Backlog = null;
        State.ScheduledRuns = 0;
        State.PausedAt = null;
        State.Buffered = [];
        State.Ledger = [];
        State.CancelledAt = null;
        State.CancellationReason = null;
        State.Backfill = null;
        State.LastSuccessAt = null;
        RestartHealth(now);
        await SaveAsync();
        if (firstEver)
        {
            // No generation before this one, so no reminder of its own can exist yet: arming needs no lookup.
            KnowNoReminder();
        }

        LogCreated(JobId, normalized.Type, State.Generation, State.NextFireAt);
        await RaiseScheduledAsync("Created");
        await ArmHealthAsync();
        await ArmAsync(releaseWhenIdle: true);
        return Snapshot();
    }

    public async Task<JobSnapshot> UpdateAsync(JobDefinition definition, long expectedVersion)
    {
        EnsureExists();
        validator.Validate(definition);
        EnsureKeyMatches(definition);
        if (expectedVersion != State.Version)
        {
            throw new JobConflictException($"Job '{JobId}' is at version {State.Version}; the update expected version {expectedVersion}.");
        }

        var normalized = Normalize(definition);
        if (SameDefinition(State.Definition!, normalized))
        {
            return Snapshot();
        }

        var scheduleChanged = !SameSchedule(State.Definition!, normalized);
        if (normalized.SuccessWithin != State.Definition!.SuccessWithin)
        {
            RestartHealth(time.GetUtcNow());
        }

        State.Definition = normalized;
        State.Version++;
        State.UpdatedAt = time.GetUtcNow();
        if (scheduleChanged)
        {
            State.NextFireAt = ScheduleTimeline.NextAfter(normalized, State.UpdatedAt);
            State.Backlog = null;
        }

        await SaveAsync();
        LogUpdated(JobId, State.Version, State.NextFireAt);
        if (scheduleChanged)
        {
            await RaiseScheduledAsync($"Updated to version {State.Version} with new timing");
        }

        await ArmHealthAsync();
        await ArmAsync(releaseWhenIdle: true);
        return Snapshot();
    }

    public Task<JobSnapshot> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Snapshot());
    }

    public async Task<RunSnapshot> TriggerAsync(TriggerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureExists();
        EnsureNotCancelled("be triggered");
        if (State.PausedAt is not null)
        {
            throw new JobConflictException($"Job '{JobId}' is paused; resume it before triggering it.");
        }

        if (request.Parameters is { } parameters)
        {
            validator.ValidateParameters(parameters);
        }

        var occurrence = JobIds.ManualOccurrence(request.IdempotencyKey ?? Guid.NewGuid().ToString("N"));
        var activeBefore = State.ActiveRuns.Count;
        var run = await StartRunAsync(occurrence, time.GetUtcNow(), request.Parameters, RunOrigin.Trigger);
        if (State.ActiveRuns.Count != activeBefore)
        {
            await SaveAsync();
        }

        if (run.KeepAliveMissing)
        {
            await SuperviseWithReminderAsync(time.GetUtcNow());
        }

        LogTriggered(JobId, run.RunId);
        return run;
    }

    public Task<IReadOnlyList<RunHistoryEntry>> GetHistoryAsync(int limit)
    {
        EnsureExists();
        EnsureLimit(limit);
        return Task.FromResult<IReadOnlyList<RunHistoryEntry>>([.. State.History.Take(limit)]);
    }

    public Task<IReadOnlyList<OccurrenceRecord>> GetOccurrencesAsync(int limit)
    {
        EnsureExists();
        EnsureLimit(limit);
        return Task.FromResult<IReadOnlyList<OccurrenceRecord>>([.. State.Ledger.Take(limit)]);
    }

    public async Task<JobSnapshot> PauseAsync()
    {
        EnsureExists();
        EnsureNotCancelled("be paused");
        if (State.PausedAt is null)
        {
            State.PausedAt = time.GetUtcNow();
            foreach (var runId in AllActiveRuns())
            {
                await CallRunQuietlyAsync(runId, run => run.PauseAsync());
            }

            await SaveAsync();
            LogPaused(JobId);
            await NoteAsync(ActivityLevel.Warning, "Job paused", "Its schedule fires nothing and its runs take no new steps until it is resumed.");
            await RaiseAsync(JobEventTypes.Paused, static () => "Paused.");
            await ArmAsync();
        }

        return Snapshot();
    }

    public async Task<JobSnapshot> ResumeAsync()
    {
        EnsureExists();
        EnsureNotCancelled("be resumed");
        if (State.PausedAt is not null)
        {
            State.PausedAt = null;
            RestartHealth(time.GetUtcNow());
            foreach (var runId in AllActiveRuns())
            {
                await CallRunQuietlyAsync(runId, run => run.ResumeAsync());
            }

            // Fires that fell in the pause follow the misfire policy; those it does not run are recorded as paused.
            await HandleDueAsync(OccurrenceOutcome.SkippedPaused, allMissed: true);
            await StartBufferedAsync();
            await StartBackfillRunsAsync();
            await SaveAsync();
            LogResumed(JobId, State.NextFireAt);
            await NoteAsync(ActivityLevel.Success, "Job resumed", State.NextFireAt is { } next ? $"Next fire {next:O}." : "No fire is scheduled.");
            await RaiseAsync(JobEventTypes.Resumed, static () => "Resumed.", nextFireAt: State.NextFireAt);
            await ArmHealthAsync();
            await ArmAsync();
        }

        return Snapshot();
    }

    public async Task DeleteAsync()
    {
        EnsureExists();
        foreach (var runId in AllActiveRuns().ToArray())
        {
            await TerminateQuietlyAsync(runId, "job deleted");
        }

        await GrainFactory.GetGrain<Services.IJobKeyValueWriterGrain>(JobId).ClearAsync();
        await GrainFactory.GetGrain<Services.IJobActivityWriterGrain>(JobId).ClearAsync();
        State.Definition = null;
        State.ActiveRuns = [];
        State.History = [];
        State.NextFireAt = null;
        State.PausedAt = null;
        State.CancelledAt = null;
        State.CancellationReason = null;
        State.Buffered = [];
        State.Ledger = [];
        State.Backfill = null;
        State.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        LogDeleted(JobId, State.Generation);
        catalog.EnqueueDelete(JobId);
        await ArmAsync();
    }

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        catalog.Enqueue(CatalogEntry());
    }

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw new JobNotFoundException("job", JobId);
        }
    }

    private static void EnsureLimit(int limit)
    {
        if (limit < 1)
        {
            throw new JobValidationException("limit", $"must be at least 1, not {limit}.");
        }
    }

    private void EnsureKeyMatches(JobDefinition definition)
    {
        if (!string.Equals(definition.Id, JobId, StringComparison.Ordinal))
        {
            throw new JobValidationException("id", $"'{definition.Id}' does not match the job grain's key '{JobId}'.");
        }
    }

    private static JobDefinition Normalize(JobDefinition definition) => definition with
    {
        Labels = new SortedDictionary<string, string>(definition.Labels.ToDictionary(), StringComparer.Ordinal),
    };

    private static bool SameDefinition(JobDefinition stored, JobDefinition requested) =>
        JsonSerializer.Serialize(stored, JobJson.Options) == JsonSerializer.Serialize(requested, JobJson.Options);

    private static bool SameSchedule(JobDefinition stored, JobDefinition requested) =>
        SameDefinition(ScheduleOnly(stored), ScheduleOnly(requested));

    private static JobDefinition ScheduleOnly(JobDefinition definition) => new()
    {
        Id = definition.Id,
        Type = string.Empty,
        Schedules = definition.Schedules,
        StartAt = definition.StartAt,
        EndAt = definition.EndAt,
        Limit = definition.Limit,
        Jitter = definition.Jitter,
    };

    private JobLifecycle Status =>
        State.CancelledAt is not null ? JobLifecycle.Cancelled
        : State.PausedAt is not null ? JobLifecycle.Paused
        : State.ActiveRuns.Count > 0 || State.Backfill is { Active.Count: > 0 } ? JobLifecycle.Running
        : State.Buffered.Count > 0 ? JobLifecycle.Queued
        : State.Definition!.Schedules.Count > 0 && State.NextFireAt is null
            ? (State.History.FirstOrDefault()?.Status is RunStatus.Failed ? JobLifecycle.Failed : JobLifecycle.Completed)
        : JobLifecycle.Scheduled;

    private JobSnapshot Snapshot() => new()
    {
        Definition = State.Definition!,
        Version = State.Version,
        Generation = State.Generation,
        Status = Status,
        CreatedAt = State.CreatedAt,
        UpdatedAt = State.UpdatedAt,
        ActiveRuns = [.. State.ActiveRuns],
        Completed = State.Completed,
        Failed = State.Failed,
        Terminated = State.Terminated,
        LastRun = State.History.FirstOrDefault(),
        NextFireAt = State.PausedAt is null ? State.NextFireAt : null,
        Buffered = [.. State.Buffered],
        ScheduledRuns = State.ScheduledRuns,
        PausedAt = State.PausedAt,
        Silo = silo.SiloAddress.ToString(),
        CancelledAt = State.CancelledAt,
        CancellationReason = State.CancellationReason,
        Backfill = BackfillProgress(),
        Health = Health(),
    };

    private JobCatalogEntry CatalogEntry() => new()
    {
        JobId = JobId,
        Type = State.Definition!.Type,
        Status = Status,
        Labels = State.Definition.Labels,
        CreatedAt = State.CreatedAt,
        UpdatedAt = time.GetUtcNow(),
        Version = State.Version,
        Generation = State.Generation,
        LastRunStatus = State.History.FirstOrDefault()?.Status,
        LastRunAt = State.History.FirstOrDefault()?.FinishedAt,
        Completed = State.Completed,
        Failed = State.Failed,
        Terminated = State.Terminated,
        UnhealthySince = State.UnhealthySince,
    };
}
