namespace Orleans.Jobs.Scheduling;

/// <summary>Cancel and reschedule: what operators do to a job's runs and timing.</summary>
internal sealed partial class JobGrain
{
    public async Task<JobSnapshot> CancelAsync(string reason)
    {
        EnsureExists();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > JobDefinitionRules.LongestReason)
        {
            throw new JobValidationException("reason", $"a cancel needs a reason of 1–{JobDefinitionRules.LongestReason} characters.");
        }

        if (State.CancelledAt is not null)
        {
            return Snapshot();
        }

        var now = time.GetUtcNow();
        foreach (var runId in AllActiveRuns().ToArray())
        {
            await TerminateQuietlyAsync(runId, $"job cancelled: {reason}");
        }

        planner.DropBuffered(State, OccurrenceOutcome.Cancelled);
        DropBackfill();
        State.CancelledAt = now;
        State.CancellationReason = reason;
        State.NextFireAt = null;
        State.PausedAt = null;
        State.UpdatedAt = now;
        await SaveAsync();
        LogCancelled(JobId, reason);
        await NoteAsync(ActivityLevel.Warning, "Job cancelled", reason);
        await RaiseAsync(JobEventTypes.Cancelled, () => $"Job cancelled: {reason}");
        await ArmAsync();
        return Snapshot();
    }

    public async Task<JobSnapshot> RescheduleAsync(RescheduleRequest request, long expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureExists();
        var definition = State.Definition! with
        {
            Schedules = request.Schedules,
            StartAt = request.StartAt,
            EndAt = request.EndAt,
            Limit = request.Limit,
            Jitter = request.Jitter,
        };
        validator.Validate(definition);
        if (expectedVersion != State.Version)
        {
            throw new JobConflictException($"Job '{JobId}' is at version {State.Version}; the reschedule expected version {expectedVersion}.");
        }

        var now = time.GetUtcNow();
        State.Definition = Normalize(definition);
        State.Version++;
        State.UpdatedAt = now;
        State.NextFireAt = ScheduleTimeline.NextAfter(State.Definition, now);
        State.Backlog = null;
        State.ScheduledRuns = 0;
        State.CancelledAt = null;
        State.CancellationReason = null;
        RestartHealth(now);
        await SaveAsync();
        LogRescheduled(JobId, State.Version, State.NextFireAt);
        await RaiseScheduledAsync($"Rescheduled (version {State.Version})");
        await ArmHealthAsync();
        await ArmAsync(releaseWhenIdle: true);
        return Snapshot();
    }

    private void EnsureNotCancelled(string action)
    {
        if (State.CancelledAt is { } at)
        {
            throw new JobConflictException($"Job '{JobId}' was cancelled at {at:O} ({State.CancellationReason}); reschedule it before it can {action}.");
        }
    }

    /// <summary>An engine entry in the job's activity log. Best effort: the change it reports is already stored.</summary>
    private async Task NoteAsync(ActivityLevel level, string title, string summary)
    {
        try
        {
            await GrainFactory.GetGrain<Services.IJobActivityWriterGrain>(JobId).AddAsync(new ActivityEntry
            {
                At = time.GetUtcNow(),
                Level = level,
                Activity = "job",
                Title = title,
                Summary = summary,
                FromEngine = true,
            });
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogActivityLost(exception, JobId);
        }
    }
}
