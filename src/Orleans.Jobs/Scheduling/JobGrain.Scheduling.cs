namespace Orleans.Jobs.Scheduling;

/// <summary>
/// The job's schedule. The next occurrence is stored (<see cref="JobState.NextFireAt"/>); a fire within
/// <c>ScheduleTimerHorizon</c> is driven by a precise grain timer in a kept activation, a later one by the durable
/// "next-fire" reminder, which wakes the job in time to set that timer and, ticking every <c>KeepAlivePeriod</c>, brings
/// the job back on another silo if this one dies; while runs are active it also ticks every period to watch over
/// them (JobGrain.Supervision). An idle job with a distant fire deactivates. Missed fires are computed from the
/// stored next occurrence (Orleans does not replay missed reminder ticks).
/// </summary>
internal sealed partial class JobGrain : IRemindable
{
    private const string NextFireReminder = "next-fire";

    private IGrainTimer? _fireTimer;
    private IGrainTimer? _releaseTimer;
    private IGrainReminder? _reminder;
    private bool _reminderLoaded;
    private DateTimeOffset? _reminderFirstTick;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Exists && State.NextFireAt is not null)
        {
            // Overdue fires (the silo that held the job died, or the cluster was down) are handled at once.
            await ArmAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (string.Equals(reminderName, HealthReminder, StringComparison.Ordinal))
        {
            await OnHealthReminderAsync();
            return;
        }

        if (!string.Equals(reminderName, NextFireReminder, StringComparison.Ordinal))
        {
            return;
        }

        // It ticked, so it exists whatever this activation assumed: the next arm looks it up before removing it.
        _reminderLoaded = _reminder is not null;

        if (await HandleDueAsync(OccurrenceOutcome.Missed))
        {
            await SaveAsync();
        }

        if (HasActiveRuns && State.PausedAt is null)
        {
            await CheckActiveRunsAsync();
        }

        await ArmAsync(releaseWhenIdle: true);
    }

    private async Task OnFireTimerAsync(CancellationToken cancellationToken)
    {
        if (await HandleDueAsync(OccurrenceOutcome.Missed))
        {
            await SaveAsync();
        }

        await ArmAsync(releaseWhenIdle: true);
    }

    /// <summary>
    /// Sets the timer or reminder for the stored next occurrence, or removes both when there is none. With
    /// <paramref name="releaseWhenIdle"/>, an activation with nothing to do until a distant fire is let go.
    /// </summary>
    private async Task ArmAsync(bool releaseWhenIdle = false)
    {
        _fireTimer?.Dispose();
        _fireTimer = null;
        var now = time.GetUtcNow();
        if (!Exists || State.PausedAt is not null || State.NextFireAt is not { } next)
        {
            if (Exists && HasActiveRuns && State.PausedAt is null)
            {
                // Runs still active after the last fire (or of a job without a schedule): watch over them. A paused
                // job's runs are paused and wait, durably, for the resume that calls them.
                await SuperviseWithReminderAsync(now);
            }
            else
            {
                await UnregisterReminderAsync();
            }

            return;
        }

        var dueAt = SchedulePlanner.DueAt(JobId, State.Definition!, next);
        var delay = dueAt > now ? dueAt - now : TimeSpan.Zero;
        var settings = options.Value;
        if (delay <= settings.ScheduleTimerHorizon)
        {
            _fireTimer = this.RegisterGrainTimer(OnFireTimerAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });

            // The reminder is the watchdog: once due it ticks every KeepAlivePeriod, so if this silo dies the job comes
            // back elsewhere within about that long. Registered once, not per fire.
            if (_reminderFirstTick is not { } tick || tick > dueAt + settings.KeepAlivePeriod + TickSpread.MostDelay)
            {
                await RegisterReminderAsync(delay + settings.KeepAlivePeriod, now);
            }

            return;
        }

        // A distant fire: the reminder wakes the job half a horizon early, in time to set the precise timer. While
        // runs are active it ticks every keep-alive period instead, to watch over them.
        if (HasActiveRuns)
        {
            await SuperviseWithReminderAsync(now);
        }
        else if (_reminderFirstTick is not { } first || first < now || first > dueAt - (settings.ScheduleTimerHorizon / 4))
        {
            var wake = delay - (settings.ScheduleTimerHorizon / 2);
            await RegisterReminderAsync(TimerLimits.Cap(wake), now);
        }

        if (releaseWhenIdle && HasNothingUnderWay)
        {
            DeactivateOnIdle();
        }
    }

    private bool HasNothingUnderWay => State.ActiveRuns.Count == 0 && State.Buffered.Count == 0 && State.Backfill is not { UnderWay: true };

    /// <summary>
    /// A job without a next fire (triggered only, or past its last occurrence) whose runs are all finished needs no
    /// activation until it is called again: it goes after <see cref="Configuration.JobsOptions.IdleJobRelease"/>,
    /// unless it has work again by then, rather than after the collection age.
    /// </summary>
    private void ReleaseWhenIdle()
    {
        _releaseTimer?.Dispose();
        _releaseTimer = null;
        if (!IsIdleWithoutSchedule)
        {
            return;
        }

        _releaseTimer = this.RegisterGrainTimer(
            _ =>
            {
                _releaseTimer?.Dispose();
                _releaseTimer = null;
                if (IsIdleWithoutSchedule)
                {
                    DeactivateOnIdle();
                }

                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(options.Value.IdleJobRelease, Timeout.InfiniteTimeSpan) { KeepAlive = false });
    }

    private bool IsIdleWithoutSchedule => Exists && State.NextFireAt is null && _fireTimer is null && HasNothingUnderWay;

    private async Task RegisterReminderAsync(TimeSpan due, DateTimeOffset now)
    {
        due = TimerLimits.Cap(TickSpread.Align(now, due, JobId));
        _reminder = await this.RegisterOrUpdateReminder(NextFireReminder, due, options.Value.KeepAlivePeriod);
        _reminderLoaded = true;
        _reminderFirstTick = now + due;
    }

    private void KnowNoReminder()
    {
        _reminder = null;
        _reminderLoaded = true;
        _reminderFirstTick = null;
    }

    /// <summary>Reads the reminder once per activation (a read of the reminder table), not on every arm.</summary>
    private async Task LoadReminderAsync()
    {
        if (!_reminderLoaded)
        {
            _reminder ??= await this.GetReminder(NextFireReminder);
            _reminderLoaded = true;
        }
    }

    private async Task UnregisterReminderAsync()
    {
        await LoadReminderAsync();
        if (_reminder is not null)
        {
            await this.UnregisterReminder(_reminder);
            _reminder = null;
            _reminderFirstTick = null;
        }
    }

    /// <summary>Handles the occurrences due now (see <see cref="SchedulePlanner.HandleDue"/>) and carries out the decisions.</summary>
    private async Task<bool> HandleDueAsync(OccurrenceOutcome missedAs, bool allMissed = false)
    {
        var decisions = planner.HandleDue(JobId, State, missedAs, allMissed);
        await CarryOutAsync(decisions);
        return decisions.Changed;
    }

    private async Task<bool> StartBufferedAsync()
    {
        var decisions = planner.StartBuffered(JobId, State);
        await CarryOutAsync(decisions);
        return decisions.Changed;
    }

    /// <summary>Terminates, then starts, what the planner decided. A run found already finished is not counted active.</summary>
    private async Task CarryOutAsync(ScheduleDecisions decisions)
    {
        foreach (var (runId, reason) in decisions.Terminate)
        {
            await TerminateQuietlyAsync(runId, reason);
        }

        foreach (var occurrence in decisions.Start)
        {
            if (await StartPlannedAsync(occurrence, RunOrigin.Schedule) is { } run)
            {
                LogFired(JobId, run.RunId);
            }
        }
    }

}
