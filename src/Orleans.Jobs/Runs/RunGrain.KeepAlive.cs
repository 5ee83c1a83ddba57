namespace Orleans.Jobs.Runs;

/// <summary>
/// The keep-alive reminder that brings the run back after its silo dies, and this activation's own watchdog timer;
/// what each tick does is <see cref="RunWatchdog"/>'s decision.
/// </summary>
internal sealed partial class RunGrain
{
    private const string KeepAliveReminder = "run-keep-alive";

    private bool _keepAliveMissing;
    private Task? _keepAliveRegistration;
    private IGrainReminder? _keepAliveReminder;
    private IGrainTimer? _watchdog;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        LogKeepAliveTick(_logger, RunId, State.Status, _stepInFlight, _stale, _stepTimer is not null, _stepDueAt);
        if (!string.Equals(reminderName, KeepAliveReminder, StringComparison.Ordinal))
        {
            return;
        }

        switch (RunWatchdog.OnKeepAliveTick(State, Activation()))
        {
            case KeepAliveTickAction.ReadAgain:
                await _state.ReadStateAsync();
                if (_state.RecordExists)
                {
                    LogStaleRead(_logger, RunId);
                    await BecomeStaleAsync();
                    return;
                }

                await UnregisterKeepAliveAsync();
                break;
            case KeepAliveTickAction.RepeatReports:
                await StartResultDeliveriesAsync();
                _catalog.Enqueue(CatalogEntry());
                ScheduleJobNotification();
                break;
            case KeepAliveTickAction.Unregister:
                await UnregisterKeepAliveAsync();
                break;
            case KeepAliveTickAction.Check:
                await CheckProgressAsync();
                break;
        }
    }

    /// <summary>The watchdog of an active run, run by the keep-alive tick and by this activation's own timer.</summary>
    private async Task CheckProgressAsync()
    {
        LogWatchdog(_logger, RunId, State.Status, _stepInFlight, _stale, _stepStartedAt, _stepDueAt);
        switch (RunWatchdog.CheckProgress(State, Activation(), _time.GetUtcNow(), _options.KeepAlivePeriod))
        {
            case ProgressAction.StepDown:
                LogStepStuck(_logger, RunId, _stepStartedAt ?? _time.GetUtcNow());
                await BecomeStaleAsync();
                break;
            case ProgressAction.ArmStep:
                ArmStep();
                break;
            case ProgressAction.RearmOverdueStep:
                LogStepTimerOverdue(_logger, RunId, _stepDueAt ?? _time.GetUtcNow());
                ArmStep();
                break;
        }
    }

    /// <summary>The activation's own watchdog, besides the keep-alive tick; only activations that run steps need one.</summary>
    private void StartWatchdog() =>
        _watchdog ??= this.RegisterGrainTimer(
            _ => CheckProgressAsync(),
            new GrainTimerCreationOptions(_options.KeepAlivePeriod, _options.KeepAlivePeriod) { Interleave = true, KeepAlive = false });

    /// <summary>Registers the keep-alive reminder and keeps its handle, so that removing it needs no lookup.</summary>
    private async Task RegisterKeepAliveAsync() =>
        _keepAliveReminder = await this.RegisterOrUpdateReminder(
            KeepAliveReminder, Scheduling.TickSpread.Align(_time.GetUtcNow(), _options.KeepAlivePeriod, RunId), _options.KeepAlivePeriod);

    /// <summary>
    /// Registers the keep-alive reminder if it may be missing, in the background: a registration can wait seconds
    /// while the reminder service's owner of the grain's range is dying, and the run's steps must not wait with it.
    /// Failures are retried with growing pauses while the run is active on this activation.
    /// </summary>
    private void EnsureKeepAlive()
    {
        if (_keepAliveMissing && _keepAliveRegistration is null or { IsCompleted: true })
        {
            _keepAliveRegistration = RegisterKeepAliveWithRetriesAsync();
        }
    }

    private async Task RegisterKeepAliveWithRetriesAsync()
    {
        for (var attempt = 0; _keepAliveMissing && !_stale && State.Status.IsActive(); attempt++)
        {
            try
            {
                await RegisterKeepAliveAsync();
                _keepAliveMissing = false;
                LogKeepAliveRegistered(_logger, RunId);
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogReminderFault(_logger, exception, RunId);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(attempt, 5))), _time);
            }
        }
    }

    private async Task UnregisterKeepAliveAsync()
    {
        try
        {
            // A registration still under way would otherwise land after the removal and bring the run back.
            if (_keepAliveRegistration is { IsCompleted: false } registration)
            {
                await registration;
            }

            // The handle of this activation's own registration, else a lookup (another activation registered it).
            var reminder = _keepAliveReminder ?? await this.GetReminder(KeepAliveReminder);
            _keepAliveReminder = null;
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception)
        {
            LogReminderFault(_logger, exception, RunId);
        }
    }
}
