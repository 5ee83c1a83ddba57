using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Runs;

/// <summary>
/// Decides a run's transitions: (state, activation, event, now) → the next state, how to store it and the effects to
/// carry out. Pure: it reads no clock and calls nothing, so every transition is unit-tested. The run grain carries
/// the answer out in one place; a run's status changes nowhere else.
/// </summary>
internal static class RunStateMachine
{
    /// <summary>The reason a terminate without one records.</summary>
    public const string DefaultTerminationReason = "terminated by request";

    /// <summary>Decides what <paramref name="event"/> does to a run in <paramref name="state"/>.</summary>
    /// <param name="state">The run's state; a fresh default when <see cref="RunActivation.RecordExists"/> is false.</param>
    /// <param name="activation">The facts of the activation that carries the run.</param>
    /// <param name="event">What happened.</param>
    /// <param name="now">The current time (UTC).</param>
    public static RunTransition Decide(RunState state, RunActivation activation, RunEvent @event, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        return @event switch
        {
            RunEvent.Start start => OnStart(state, activation, start.Request, now),
            RunEvent.StepStarting => OnStepStarting(state, activation, now),
            RunEvent.StepCommitted committed => OnStepCommitted(state, activation, committed, now),
            RunEvent.AttemptFailed failed => OnAttemptFailed(state, activation, failed.Error, now),
            RunEvent.Pause => OnPause(state, activation),
            RunEvent.Resume => OnResume(state, activation),
            RunEvent.Terminate terminate => OnTerminate(state, activation, terminate.Reason, now),
            RunEvent.Retry retry => OnRetry(state, activation, retry.Delay, now),
            RunEvent.SinkFailed sinkFailed => OnSinkFailed(state, activation, sinkFailed.Reason),
            RunEvent.ResultDeliveriesStarted started => OnResultDeliveriesStarted(state, activation, started.Failures),
            RunEvent.Superseded => Unchanged(state, activation, new RunEffect.StepDown()),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, "Unknown run event."),
        };
    }

    private static RunTransition OnStart(RunState state, RunActivation activation, RunStartRequest request, DateTimeOffset now)
    {
        if (activation.RecordExists)
        {
            // Started before. If that start failed half-way (its state stored, then its activation's timer or reminder
            // lost), the repeated request sets the run going again.
            return state.Status.IsActive() && activation.Idle
                ? Unchanged(state, activation, new RunEffect.EnsureKeepAlive(), new RunEffect.ArmStep())
                : Unchanged(state, activation);
        }

        // The keep-alive reminder and the first checkpoint are written together: the run is durable once both land.
        var started = new RunState
        {
            JobId = request.Definition.Id,
            Generation = request.Generation,
            Occurrence = request.Occurrence,
            OccurrenceTime = request.OccurrenceTime,
            Definition = request.Definition,
            Parameters = request.Parameters ?? request.Definition.Parameters,
            Status = RunStatus.Pending,
            Attempt = 1,
            CreatedAt = now,
            TraceParent = request.TraceParent,
        };
        return Changed(started, activation, RunWrite.CheckpointAndKeepAlive,
            new RunEffect.ReportStarted(), new RunEffect.UpdateCatalog(), new RunEffect.BeginStep(OwnershipJustClaimed: true));
    }

    /// <summary>
    /// The step's changes live in this activation until the step commits (or fails): a retry's attempt counts from
    /// here, and the first step stamps the start.
    /// </summary>
    private static RunTransition OnStepStarting(RunState state, RunActivation activation, DateTimeOffset now)
    {
        if (activation.Stale || !state.Status.IsActive())
        {
            return Unchanged(state, activation);
        }

        var effects = new List<RunEffect>();
        var next = state;
        if (state.Status == RunStatus.Retrying)
        {
            next = next with { Attempt = state.Attempt + 1, RetryAt = null };
            effects.Add(new RunEffect.DisposeInvocation());
            effects.Add(new RunEffect.Note(LogLevel.Information, $"Attempt {next.Attempt} of {Definition(state).Retry.MaximumAttempts} starts from step {state.Step}."));
        }

        next = next with { Status = RunStatus.Running, WakeAt = null };
        if (next.StartedAt is null)
        {
            next = next with { StartedAt = now };
            effects.Add(new RunEffect.ReportLateness(now > state.OccurrenceTime ? now - state.OccurrenceTime : TimeSpan.Zero));
        }

        return Changed(next, activation, RunWrite.None, [.. effects]);
    }

    private static RunTransition OnStepCommitted(RunState state, RunActivation activation, RunEvent.StepCommitted committed, DateTimeOffset now)
    {
        if (activation.Stale || state.Status.IsFinished())
        {
            // Terminated (or superseded) while the step ran: its result is discarded.
            return Unchanged(state, activation);
        }

        var result = StepResult.Read(committed.Status, now);
        var next = state with
        {
            Step = committed.Performed ? state.Step + 1 : state.Step,
            Checkpoint = result.Checkpoint,
            LastCheckpointAt = now,
        };
        if (result.Complete)
        {
            next = next with
            {
                Status = RunStatus.Completed,
                FinishedAt = now,
                ResultReference = committed.ResultReference,
                ResultWebhooksPending = Definition(state).ResultWebhooks.Count > 0,
            };
        }
        else if (result.WakeAt > now)
        {
            next = next with { Status = RunStatus.Sleeping, WakeAt = result.WakeAt };
        }
        else
        {
            next = next with { Status = RunStatus.Running };
        }

        return WithPendingPause(next, activation, new RunEffect.FlushLog());
    }

    private static RunTransition OnAttemptFailed(RunState state, RunActivation activation, RunError error, DateTimeOffset now)
    {
        if (activation.Stale || state.Status.IsFinished())
        {
            return Unchanged(state, activation);
        }

        var retry = Definition(state).Retry;
        var next = error.NonRetryable || state.Attempt >= retry.MaximumAttempts
            ? state with { Error = error, Status = RunStatus.Failed, FinishedAt = now }
            : state with { Error = error, Status = RunStatus.Retrying, RetryAt = now + retry.DelayAfter(state.Attempt) };
        var note = next.Status == RunStatus.Retrying
            ? $"Attempt {state.Attempt} failed ({error.Type}: {error.Message}); retrying at {next.RetryAt:O}."
            : $"Attempt {state.Attempt} failed ({error.Type}: {error.Message}); the run has failed.";
        return WithPendingPause(next, activation, new RunEffect.Note(LogLevel.Error, note), new RunEffect.FlushLog());
    }

    private static RunTransition OnPause(RunState state, RunActivation activation)
    {
        if (Refuse(state, "paused") is { } refused)
        {
            return refused;
        }

        if (state.Status == RunStatus.Paused)
        {
            return Unchanged(state, activation);
        }

        if (activation.StepInFlight)
        {
            // The step in flight finishes and is checkpointed first; its commit moves the run to Paused.
            return Unchanged(state, activation) with { PauseRequested = true };
        }

        var paused = state with { PausedFrom = state.Status, Status = RunStatus.Paused };
        return Changed(paused, activation, RunWrite.CheckpointOrThrow, Following(paused));
    }

    private static RunTransition OnResume(RunState state, RunActivation activation)
    {
        if (Refuse(state, "resumed") is { } refused)
        {
            return refused;
        }

        if (state.Status != RunStatus.Paused)
        {
            return Unchanged(state, activation) with { PauseRequested = false };
        }

        var resumed = state with { Status = state.PausedFrom ?? RunStatus.Running, PausedFrom = null };
        return Changed(resumed, activation, RunWrite.CheckpointAndKeepAlive, Following(resumed));
    }

    private static RunTransition OnTerminate(RunState state, RunActivation activation, string? reason, DateTimeOffset now)
    {
        if (Refuse(state, "terminated") is { } refused)
        {
            return refused;
        }

        var terminated = state with
        {
            Status = RunStatus.Terminated,
            TerminationReason = string.IsNullOrWhiteSpace(reason) ? DefaultTerminationReason : reason,
            FinishedAt = now,
            PausedFrom = null,
        };
        return Changed(terminated, activation with { PauseRequested = false }, RunWrite.CheckpointOrThrow,
            [new RunEffect.CancelStep(), new RunEffect.Note(LogLevel.Warning, $"Run terminated: {terminated.TerminationReason}."), .. Following(terminated)]);
    }

    private static RunTransition OnRetry(RunState state, RunActivation activation, TimeSpan delay, DateTimeOffset now)
    {
        if (state.Status != RunStatus.Failed)
        {
            return Refused(state, $"Run '{RunId(state)}' is {Lower(state.Status)}; only a failed run can be retried.");
        }

        var retrying = state with { Status = RunStatus.Retrying, RetryAt = now + delay, FinishedAt = null };
        return Changed(retrying, activation, RunWrite.CheckpointAndKeepAlive,
        [
            new RunEffect.ForgetWaiters(),
            new RunEffect.Note(LogLevel.Information, $"Retry requested: attempt {state.Attempt + 1} starts at {retrying.RetryAt:O} from step {state.Step}."),
            .. Following(retrying),
        ]);
    }

    private static RunTransition OnSinkFailed(RunState state, RunActivation activation, string reason) =>
        Changed(state with { SinkFailures = SinkFailureList.Append(state.SinkFailures, [reason]) }, activation, RunWrite.CheckpointOrThrow,
            new RunEffect.Note(LogLevel.Error, $"A result delivery was given up: {reason}"),
            new RunEffect.FlushLog(),
            new RunEffect.PublishSinkFailed(reason));

    private static RunTransition OnResultDeliveriesStarted(RunState state, RunActivation activation, IReadOnlyList<string> failures)
    {
        if (activation.Stale || !state.ResultWebhooksPending)
        {
            return Unchanged(state, activation);
        }

        var next = state with { ResultWebhooksPending = false, SinkFailures = SinkFailureList.Append(state.SinkFailures, failures) };
        return Changed(next, activation, RunWrite.Checkpoint, [.. failures.Select(failure => new RunEffect.PublishSinkFailed(failure))]);
    }

    /// <summary>A pause asked for during the step takes effect with the step's commit.</summary>
    private static RunTransition WithPendingPause(RunState next, RunActivation activation, params RunEffect[] first)
    {
        if (activation.PauseRequested && !next.Status.IsFinished())
        {
            next = next with { PausedFrom = next.Status, Status = RunStatus.Paused };
            activation = activation with { PauseRequested = false };
        }

        return Changed(next, activation, RunWrite.Checkpoint, [.. first, .. Following(next)]);
    }

    /// <summary>What every transition into <paramref name="next"/>'s status leads to.</summary>
    private static RunEffect[] Following(RunState next) => next.Status switch
    {
        _ when next.Status.IsFinished() =>
        [
            new RunEffect.StopStepping(),
            new RunEffect.StartResultDeliveries(),
            new RunEffect.DisposeInvocation(),
            new RunEffect.WakeWaiters(),
            new RunEffect.FlushLog(),
            new RunEffect.ReportFinished(),
            new RunEffect.UpdateCatalog(),
            new RunEffect.NotifyJob(),
        ],
        RunStatus.Paused => [new RunEffect.StopStepping(), new RunEffect.UnregisterKeepAlive()],
        RunStatus.Running => [new RunEffect.BeginStep(OwnershipJustClaimed: false)],
        _ => [new RunEffect.ArmStep()],
    };

    private static RunTransition? Refuse(RunState state, string verb) =>
        state.Status.IsFinished() ? Refused(state, $"Run '{RunId(state)}' is {Lower(state.Status)} and cannot be {verb}.") : null;

    private static RunTransition Changed(RunState next, RunActivation activation, RunWrite write, params RunEffect[] effects) =>
        new() { State = next, PauseRequested = activation.PauseRequested, Write = write, Effects = effects };

    private static RunTransition Unchanged(RunState state, RunActivation activation, params RunEffect[] effects) =>
        new() { State = state, PauseRequested = activation.PauseRequested, Effects = effects };

    private static RunTransition Refused(RunState state, string conflict) => new() { State = state, Conflict = conflict };

    private static JobDefinition Definition(RunState state) =>
        state.Definition ?? throw new InvalidOperationException($"Run {RunId(state)} has no definition.");

    private static string RunId(RunState state) => JobIds.RunId(state.JobId, state.Generation, state.Occurrence);

    private static string Lower(RunStatus status) => status.ToString().ToLowerInvariant();
}
