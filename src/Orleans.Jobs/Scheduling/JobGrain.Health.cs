namespace Orleans.Jobs.Scheduling;

/// <summary>
/// "Must succeed within": a job with <see cref="JobDefinition.SuccessWithin"/> is unhealthy once that long has passed
/// since its last completed run (or since tracking began). The "health" reminder ticks when the window would run out,
/// so a job that never runs is caught too; each breach raises <c>job.unhealthy</c> once, and a completed run ends it.
/// A success moves the window without a reminder write: the tick at the old deadline finds the job healthy and sets
/// the reminder for the new one, so tracking costs at most one reminder write per window.
/// </summary>
internal sealed partial class JobGrain
{
    private const string HealthReminder = "health";

    private IGrainReminder? _healthReminder;
    private bool _healthReminderLoaded;
    private DateTimeOffset? _healthTickAt;

    /// <summary>Health is tracked while the job has a window and can still run: not paused, cancelled or over.</summary>
    private bool HealthTracked =>
        Exists && State.Definition!.SuccessWithin is not null
        && Status is not (JobLifecycle.Paused or JobLifecycle.Cancelled or JobLifecycle.Completed or JobLifecycle.Failed);

    private DateTimeOffset? HealthDueBy =>
        HealthTracked && State.Definition!.SuccessWithin is { } within
            ? Later(State.LastSuccessAt, State.HealthSince ?? State.CreatedAt) + within
            : null;

    private JobHealth Health()
    {
        var dueBy = HealthDueBy;
        var unhealthy = dueBy is { } due && time.GetUtcNow() >= due;
        return new JobHealth
        {
            Status = dueBy is null ? JobHealthStatus.NotTracked : unhealthy ? JobHealthStatus.Unhealthy : JobHealthStatus.Healthy,
            SuccessWithin = State.Definition?.SuccessWithin,
            LastSuccessAt = State.LastSuccessAt,
            DueBy = dueBy,
            UnhealthySince = unhealthy ? State.UnhealthySince ?? dueBy : null,
        };
    }

    /// <summary>Starts tracking afresh from now (create, resume, reschedule, a new window).</summary>
    private void RestartHealth(DateTimeOffset at)
    {
        State.HealthSince = at;
        State.UnhealthySince = null;
    }

    /// <summary>A completed run: the window starts again from it, and a breach is over.</summary>
    private async Task RecordSuccessAsync(DateTimeOffset finishedAt)
    {
        State.LastSuccessAt = Later(State.LastSuccessAt, finishedAt);
        if (State.UnhealthySince is { } since)
        {
            State.UnhealthySince = null;
            await NoteAsync(ActivityLevel.Success, "Job healthy again", $"A run completed at {finishedAt:O}; it had been unhealthy since {since:O}.");
        }
    }

    private async Task OnHealthReminderAsync()
    {
        if (!HealthTracked)
        {
            await UnregisterHealthReminderAsync();
            return;
        }

        _healthTickAt = time.GetUtcNow() + HealthPeriod();
        if (HealthDueBy is { } due && time.GetUtcNow() >= due)
        {
            if (State.UnhealthySince is null)
            {
                State.UnhealthySince = due;
                await SaveAsync();
                var within = State.Definition!.SuccessWithin!.Value;
                var summary = State.LastSuccessAt is { } last
                    ? $"No run completed within {within}; the last completed at {last:O}."
                    : $"No run completed within {within} of {State.HealthSince ?? State.CreatedAt:O}.";
                LogUnhealthy(JobId, within, State.LastSuccessAt);
                await NoteAsync(ActivityLevel.Error, "Job unhealthy", summary);
                await RaiseAsync(JobEventTypes.Unhealthy, () => summary);
            }

            return;
        }

        // Healthy: a success moved the deadline since the reminder was set; tick at the new one.
        _healthTickAt = null;
        await ArmHealthAsync();
    }

    /// <summary>Sets the health reminder to tick when the window runs out, unless it already ticks by then.</summary>
    private async Task ArmHealthAsync()
    {
        if (HealthDueBy is not { } due)
        {
            return;
        }

        if (!_healthReminderLoaded)
        {
            _healthReminder = await this.GetReminder(HealthReminder);
            _healthReminderLoaded = true;
        }

        if (_healthReminder is not null && _healthTickAt is { } tick && tick <= due)
        {
            return;
        }

        var now = time.GetUtcNow();
        // A window longer than a reminder allows ticks early; the tick finds the job healthy and arms again for the rest.
        var delay = TimerLimits.Cap(due - now);
        _healthReminder = await this.RegisterOrUpdateReminder(HealthReminder, delay, HealthPeriod());
        _healthTickAt = now + delay;
    }

    private async Task UnregisterHealthReminderAsync()
    {
        if (!_healthReminderLoaded)
        {
            _healthReminder = await this.GetReminder(HealthReminder);
            _healthReminderLoaded = true;
        }

        if (_healthReminder is not null)
        {
            await this.UnregisterReminder(_healthReminder);
            _healthReminder = null;
            _healthTickAt = null;
        }
    }

    /// <summary>After the deadline the reminder ticks once per window (at least Orleans' minimum reminder period).</summary>
    private TimeSpan HealthPeriod()
    {
        var within = State.Definition!.SuccessWithin!.Value;
        return TimerLimits.Cap(within > options.Value.KeepAlivePeriod ? within : options.Value.KeepAlivePeriod);
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value > b ? value : b;
}
