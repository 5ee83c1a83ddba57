using System.Diagnostics;
using Orleans.Jobs.Diagnostics;
using Orleans.Storage;

namespace Orleans.Jobs.Runs;

/// <summary>
/// The one place a run changes: <see cref="RunStateMachine"/> decides under the write gate, the next state is stored
/// as the transition says, and its effects are carried out in order once the write has landed.
/// </summary>
internal sealed partial class RunGrain
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private bool _pauseRequested;

    // The attempt as job code may read it from the thread pool (grain state may only be touched on the grain).
    private volatile int _attempt;

    /// <summary>
    /// Decides and carries out <paramref name="event"/>. A refused event throws <see cref="JobConflictException"/>
    /// and changes nothing; a write the caller asked for that fails leaves memory as storage holds it and throws.
    /// </summary>
    private async Task<RunTransition> ApplyAsync(RunEvent @event)
    {
        RunTransition transition;
        await _writeGate.WaitAsync();
        try
        {
            transition = RunStateMachine.Decide(State, Activation(), @event, _time.GetUtcNow());
            if (transition.Conflict is { } conflict)
            {
                throw new JobConflictException(conflict);
            }

            if (!await StoreAsync(transition))
            {
                return transition;
            }
        }
        finally
        {
            _writeGate.Release();
        }

        await CarryOutAsync(transition.Effects);
        if (transition.Write == RunWrite.CheckpointAndKeepAlive && _keepAliveRegistration is { } registration)
        {
            // The run is durable once its checkpoint and its keep-alive have both landed: the caller hears then.
            await registration;
        }

        return transition;
    }

    /// <summary>Swaps the next state in and stores it; false when this activation stepped down instead.</summary>
    private async Task<bool> StoreAsync(RunTransition transition)
    {
        var previous = (State, _pauseRequested);
        Swap(transition.State, transition.PauseRequested);
        try
        {
            switch (transition.Write)
            {
                case RunWrite.None:
                    return true;
                case RunWrite.Checkpoint when await TryWriteStateAsync():
                    return true;
                case RunWrite.Checkpoint:
                    // Stepped down: the stored checkpoint is the truth, and memory says so until the activation goes.
                    Swap(previous.State, previous._pauseRequested);
                    return false;
                case RunWrite.CheckpointOrThrow:
                    await WriteStateOrThrowAsync();
                    return true;
                default:
                    await WriteStateAndKeepAliveAsync();
                    return true;
            }
        }
        catch
        {
            Swap(previous.State, previous._pauseRequested);
            throw;
        }
    }

    private void Swap(RunState next, bool pauseRequested)
    {
        _state.State = next;
        _pauseRequested = pauseRequested;
        _attempt = next.Attempt;
    }

    /// <summary>A checkpoint of the run's own progress; a write that fails makes this activation step down.</summary>
    private async Task<bool> TryWriteStateAsync()
    {
        try
        {
            await WriteStateOrThrowAsync();
            return true;
        }
        catch (InconsistentStateException exception)
        {
            LogStaleActivation(_logger, exception, RunId);
        }
        catch (Exception exception)
        {
            LogCheckpointFailed(_logger, exception, RunId);
        }

        await BecomeStaleAsync();
        return false;
    }

    private async Task WriteStateOrThrowAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await _state.WriteStateAsync();
        _claimed = true;
        JobsInstrumentation.CheckpointDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, JobsInstrumentation.JobType(State.Definition?.Type ?? ""));
    }

    /// <summary>
    /// Writes the state while the keep-alive reminder registers. The state's failure is the caller's; the
    /// registration goes on meanwhile and <see cref="ApplyAsync"/> waits for it once the transition's effects (the
    /// first step among them) are under way. A reminder that failed to register (the reminder service moving between
    /// silos) does not stop the run: it is registered again before the next step.
    /// </summary>
    private async Task WriteStateAndKeepAliveAsync()
    {
        _keepAliveRegistration = RegisterKeepAliveOnceAsync();
        await WriteStateOrThrowAsync();
    }

    private async Task RegisterKeepAliveOnceAsync()
    {
        try
        {
            await RegisterKeepAliveAsync();
            _keepAliveMissing = false;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _keepAliveMissing = true;
            LogReminderFault(_logger, exception, RunId);
        }
    }

    private async Task CarryOutAsync(IReadOnlyList<RunEffect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case RunEffect.Note note:
                    _runLogger.Note(note.Level, note.Message);
                    break;
                case RunEffect.ArmStep:
                    ArmStep();
                    break;
                case RunEffect.BeginStep begin:
                    BeginStep(begin.OwnershipJustClaimed);
                    break;
                case RunEffect.StopStepping:
                    StopStepping();
                    break;
                case RunEffect.EnsureKeepAlive:
                    EnsureKeepAlive();
                    break;
                case RunEffect.UnregisterKeepAlive:
                    await UnregisterKeepAliveAsync();
                    break;
                case RunEffect.CancelStep:
                    await _runCancellation.CancelAsync();
                    break;
                case RunEffect.DisposeInvocation:
                    await DisposeInvocationAsync();
                    break;
                case RunEffect.FlushLog:
                    FlushRunLog();
                    break;
                case RunEffect.StartResultDeliveries:
                    await StartResultDeliveriesAsync();
                    break;
                case RunEffect.WakeWaiters:
                    _finished?.TrySetResult();
                    break;
                case RunEffect.ForgetWaiters:
                    _finished = null;
                    break;
                case RunEffect.ReportStarted:
                    ReportStarted();
                    break;
                case RunEffect.ReportLateness lateness:
                    JobsInstrumentation.ScheduleLateness.Record(lateness.Lateness.TotalMilliseconds, JobsInstrumentation.JobType(Definition.Type));
                    break;
                case RunEffect.ReportFinished:
                    ReportFinished();
                    break;
                case RunEffect.UpdateCatalog:
                    _catalog.Enqueue(CatalogEntry());
                    break;
                case RunEffect.NotifyJob:
                    ScheduleJobNotification();
                    break;
                case RunEffect.PublishSinkFailed sinkFailed:
                    await _results.PublishSinkFailedAsync(RunId, State.JobId, Definition, State.Status, sinkFailed.Reason);
                    break;
                case RunEffect.StepDown:
                    await BecomeStaleAsync();
                    break;
                default:
                    throw new InvalidOperationException($"Unknown run effect {effect}.");
            }
        }
    }
}
