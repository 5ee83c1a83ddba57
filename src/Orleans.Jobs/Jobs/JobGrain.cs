using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Catalog;
using Orleans.Jobs.Hosting;
using Orleans.Runtime;

namespace Orleans.Jobs.Jobs;

/// <summary>
/// A job: definition (validated, versioned), generation, active runs and bounded history. Not reentrant: its calls
/// run one at a time. A trigger starts the run first and records it after, so a run's critical path holds no write
/// of this grain; the run's own id makes duplicate triggers with one key start one run.
/// </summary>
internal sealed partial class JobGrain(
    [PersistentState("job", JobsStorageNames.GrainStorage)] IPersistentState<JobState> state,
    JobDefinitionValidator validator,
    CatalogUpdateQueue catalog,
    TimeProvider time,
    IOptions<JobsOptions> options,
    ILogger<JobGrain> logger) : Grain, IJobGrain
{
    private JobState State => state.State;

    private string JobId => this.GetPrimaryKeyString();

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
        State.Definition = normalized;
        State.Version = 1;
        State.Generation++;
        State.CreatedAt = now;
        State.UpdatedAt = now;
        State.ActiveRuns = [];
        State.History = [];
        State.Completed = State.Failed = State.Terminated = 0;
        await state.WriteStateAsync();
        LogCreated(JobId, normalized.Type, State.Generation);
        catalog.Enqueue(CatalogEntry());
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

        State.Definition = normalized;
        State.Version++;
        State.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        LogUpdated(JobId, State.Version);
        catalog.Enqueue(CatalogEntry());
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
        var occurrence = JobIds.ManualOccurrence(request.IdempotencyKey ?? Guid.NewGuid().ToString("N"));
        if (request.Parameters is { } parameters)
        {
            validator.ValidateParameters(parameters);
        }

        var runId = JobIds.RunId(JobId, State.Generation, occurrence);
        var run = await GrainFactory.GetGrain<IRunGrain>(runId).StartAsync(new RunStartRequest
        {
            Generation = State.Generation,
            Occurrence = occurrence,
            OccurrenceTime = time.GetUtcNow(),
            Definition = State.Definition!,
            Parameters = request.Parameters,
        });

        if (!run.IsFinished && !State.ActiveRuns.Contains(runId) && State.History.TrueForAll(h => h.RunId != runId))
        {
            State.ActiveRuns.Add(runId);
            await state.WriteStateAsync();
            catalog.Enqueue(CatalogEntry());
        }

        LogTriggered(JobId, runId);
        return run;
    }

    public Task<IReadOnlyList<RunHistoryEntry>> GetHistoryAsync(int limit)
    {
        EnsureExists();
        if (limit < 1)
        {
            throw new JobValidationException("limit", $"must be at least 1, not {limit}.");
        }

        return Task.FromResult<IReadOnlyList<RunHistoryEntry>>([.. State.History.Take(limit)]);
    }

    public async Task DeleteAsync()
    {
        EnsureExists();
        foreach (var runId in State.ActiveRuns.ToArray())
        {
            try
            {
                await GrainFactory.GetGrain<IRunGrain>(runId).TerminateAsync("job deleted");
            }
            catch (JobsException exception)
            {
                // Already finished or never stored: nothing left to stop.
                LogTerminateOnDeleteSkipped(exception, runId);
            }
        }

        State.Definition = null;
        State.ActiveRuns = [];
        State.History = [];
        State.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        LogDeleted(JobId, State.Generation);
        catalog.EnqueueDelete(JobId);
    }

    public async Task RunFinishedAsync(RunHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (jobId, generation, _) = JobIds.ParseRunId(entry.RunId);
        if (!Exists || !string.Equals(jobId, JobId, StringComparison.Ordinal) || generation != State.Generation
            || State.History.Exists(h => h.RunId == entry.RunId))
        {
            // A run of a deleted generation, or a report delivered twice.
            return;
        }

        State.ActiveRuns.Remove(entry.RunId);
        State.History.Insert(0, entry);
        if (State.History.Count > options.Value.HistoryLimit)
        {
            State.History.RemoveRange(options.Value.HistoryLimit, State.History.Count - options.Value.HistoryLimit);
        }

        switch (entry.Status)
        {
            case RunStatus.Completed:
                State.Completed++;
                break;
            case RunStatus.Failed:
                State.Failed++;
                break;
            case RunStatus.Terminated:
                State.Terminated++;
                break;
        }

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

    private JobLifecycle Status => State.ActiveRuns.Count > 0 ? JobLifecycle.Running : JobLifecycle.Scheduled;

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
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} created ({Type}, generation {Generation}).")]
    private partial void LogCreated(string jobId, string type, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} updated to version {Version}.")]
    private partial void LogUpdated(string jobId, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} triggered run {RunId}.")]
    private partial void LogTriggered(string jobId, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} deleted (generation {Generation}).")]
    private partial void LogDeleted(string jobId, long generation);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId} was not terminated on delete.")]
    private partial void LogTerminateOnDeleteSkipped(Exception exception, string runId);
}
