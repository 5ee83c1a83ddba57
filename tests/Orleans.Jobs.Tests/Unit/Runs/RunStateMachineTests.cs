using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Jobs.Runs;

namespace Orleans.Jobs.Tests.Unit.Runs;

public sealed class RunStateMachineTests
{
    private const string JobId = "machine-job";
    private static readonly DateTimeOffset _start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(_start);

    private static readonly RunActivation _idle = new() { RecordExists = true };
    private static readonly RunActivation _stepping = new() { RecordExists = true, StepInFlight = true };

    private static JobDefinition Definition(int maximumAttempts = 2, params string[] resultWebhooks) => new()
    {
        Id = JobId,
        Type = "countdown",
        Retry = new RetryPolicy { MaximumAttempts = maximumAttempts, InitialInterval = TimeSpan.FromSeconds(10), BackoffCoefficient = 2, MaximumInterval = TimeSpan.FromMinutes(5) },
        ResultWebhooks = resultWebhooks,
    };

    private static RunStartRequest Request(JobDefinition? definition = null) => new()
    {
        Definition = definition ?? Definition(),
        Generation = 1,
        Occurrence = JobIds.ManualOccurrence("k"),
        OccurrenceTime = _start,
    };

    private static JobCheckpoint Status(int left, bool complete = false, TimeSpan? sleepFor = null, DateTimeOffset? wakeAt = null) => new()
    {
        State = JsonSerializer.SerializeToElement(new { left }),
        Complete = complete,
        Result = complete ? JsonSerializer.SerializeToElement(new { done = true }) : null,
        SleepFor = sleepFor,
        WakeAt = wakeAt,
    };

    private DateTimeOffset Now => _time.GetUtcNow();

    private RunTransition Decide(RunState state, RunEvent @event, RunActivation? activation = null) =>
        RunStateMachine.Decide(state, activation ?? _idle, @event, Now);

    /// <summary>A run started and through its first step's start, as a step loop sees it.</summary>
    private RunState Running(JobDefinition? definition = null)
    {
        var started = RunStateMachine.Decide(new RunState(), new RunActivation(), new RunEvent.Start(Request(definition)), Now).State;
        return Decide(started, new RunEvent.StepStarting(), _stepping).State;
    }

    private static bool Has<T>(RunTransition transition) where T : RunEffect => transition.Effects.OfType<T>().Any();

    private static void AssertFinishes(RunTransition transition)
    {
        Assert.True(Has<RunEffect.StopStepping>(transition));
        Assert.True(Has<RunEffect.WakeWaiters>(transition));
        Assert.True(Has<RunEffect.UpdateCatalog>(transition));
        Assert.True(Has<RunEffect.NotifyJob>(transition));
        Assert.False(Has<RunEffect.ArmStep>(transition));
        Assert.False(Has<RunEffect.BeginStep>(transition));
    }

    [Fact]
    public void Start_NewRun_IsPendingAtAttemptOne_WrittenWithItsKeepAlive_AndBeginsItsFirstStepWithoutReadingBack()
    {
        var transition = RunStateMachine.Decide(new RunState(), new RunActivation(), new RunEvent.Start(Request()), Now);

        Assert.Null(transition.Conflict);
        Assert.Equal(RunStatus.Pending, transition.State.Status);
        Assert.Equal(1, transition.State.Attempt);
        Assert.Equal(0, transition.State.Step);
        Assert.Equal(Now, transition.State.CreatedAt);
        Assert.Equal(JobId, transition.State.JobId);
        Assert.Equal(RunWrite.CheckpointAndKeepAlive, transition.Write);
        Assert.True(Has<RunEffect.ReportStarted>(transition));
        Assert.True(Has<RunEffect.UpdateCatalog>(transition));
        Assert.True(Assert.IsType<RunEffect.BeginStep>(transition.Effects[^1]).OwnershipJustClaimed);
    }

    [Fact]
    public void Start_Again_OnAnIdleActivation_SetsTheRunGoingAgain_WithoutWriting()
    {
        var pending = RunStateMachine.Decide(new RunState(), new RunActivation(), new RunEvent.Start(Request()), Now).State;

        var again = Decide(pending, new RunEvent.Start(Request()));
        var whileStepping = Decide(pending, new RunEvent.Start(Request()), _idle with { StepArmed = true });

        Assert.Same(pending, again.State);
        Assert.Equal(RunWrite.None, again.Write);
        Assert.True(Has<RunEffect.EnsureKeepAlive>(again));
        Assert.True(Has<RunEffect.ArmStep>(again));
        Assert.Empty(whileStepping.Effects);
    }

    [Fact]
    public void StepStarting_FirstStep_RunsWithoutWriting_AndReportsLateness()
    {
        var pending = RunStateMachine.Decide(new RunState(), new RunActivation(), new RunEvent.Start(Request()), Now).State;
        _time.Advance(TimeSpan.FromMilliseconds(250));

        var transition = Decide(pending, new RunEvent.StepStarting(), _stepping);

        Assert.Equal(RunStatus.Running, transition.State.Status);
        Assert.Equal(Now, transition.State.StartedAt);
        Assert.Equal(RunWrite.None, transition.Write);
        Assert.Equal(TimeSpan.FromMilliseconds(250), Assert.Single(transition.Effects.OfType<RunEffect.ReportLateness>()).Lateness);
    }

    [Fact]
    public void StepCommitted_AfterPerform_CountsTheStep_ClearsTheWait_AndBeginsTheNextAfterTheOwnershipCheck()
    {
        var running = Running();
        _time.Advance(TimeSpan.FromSeconds(1));

        var transition = Decide(running, new RunEvent.StepCommitted(Status(2), Performed: true, ResultReference: null), _stepping);

        Assert.Equal(RunStatus.Running, transition.State.Status);
        Assert.Equal(1, transition.State.Step);
        Assert.Equal(Now, transition.State.LastCheckpointAt);
        Assert.Equal(2, transition.State.Checkpoint!.State.GetProperty("left").GetInt32());
        Assert.Equal(RunWrite.Checkpoint, transition.Write);
        Assert.True(Has<RunEffect.FlushLog>(transition));
        Assert.False(Assert.IsType<RunEffect.BeginStep>(transition.Effects[^1]).OwnershipJustClaimed);
    }

    [Fact]
    public void StepCommitted_PrepareThatSleeps_CommitsWithoutCountingAStep_AndSleepsUntilTheWakeTime()
    {
        var running = Running();

        var transition = Decide(running, new RunEvent.StepCommitted(Status(3, sleepFor: TimeSpan.FromMinutes(5)), Performed: false, ResultReference: null), _stepping);

        Assert.Equal(RunStatus.Sleeping, transition.State.Status);
        Assert.Equal(0, transition.State.Step);
        Assert.Equal(Now + TimeSpan.FromMinutes(5), transition.State.WakeAt);
        Assert.Null(transition.State.Checkpoint!.SleepFor);
        Assert.Null(transition.State.Checkpoint.WakeAt);
        Assert.True(Has<RunEffect.ArmStep>(transition));
    }

    [Fact]
    public void StepCommitted_WakeTimeAlreadyPast_GoesOnRunning()
    {
        var transition = Decide(Running(), new RunEvent.StepCommitted(Status(3, wakeAt: _start.AddMinutes(-1)), Performed: true, ResultReference: null), _stepping);

        Assert.Equal(RunStatus.Running, transition.State.Status);
        Assert.Null(transition.State.WakeAt);
    }

    [Fact]
    public void StepCommitted_Complete_FinishesTheRun_WithItsResult_AndDeliveriesPendingForWebhookSinks()
    {
        var running = Running(Definition(2, "sub-1"));

        var transition = Decide(running, new RunEvent.StepCommitted(Status(0, complete: true), Performed: true, ResultReference: "memory://r"), _stepping);

        Assert.Equal(RunStatus.Completed, transition.State.Status);
        Assert.Equal(Now, transition.State.FinishedAt);
        Assert.Equal("memory://r", transition.State.ResultReference);
        Assert.True(transition.State.ResultWebhooksPending);
        Assert.True(Has<RunEffect.StartResultDeliveries>(transition));
        AssertFinishes(transition);
    }

    [Fact]
    public void StepCommitted_OnAStaleActivation_OrAfterTerminate_IsDiscarded()
    {
        var running = Running();
        var terminated = Decide(running, new RunEvent.Terminate("stop")).State;

        var stale = Decide(running, new RunEvent.StepCommitted(Status(1), true, null), _stepping with { Stale = true });
        var late = Decide(terminated, new RunEvent.StepCommitted(Status(1), true, null), _stepping);

        Assert.Same(running, stale.State);
        Assert.Equal(RunWrite.None, stale.Write);
        Assert.Empty(stale.Effects);
        Assert.Same(terminated, late.State);
        Assert.Empty(late.Effects);
    }

    [Fact]
    public void AttemptFailed_WithAttemptsLeft_RetriesAfterTheBackoff()
    {
        var error = new RunError { Type = "System.IO.IOException", Message = "disk", Attempt = 1, At = Now };

        var transition = Decide(Running(), new RunEvent.AttemptFailed(error), _stepping);

        Assert.Equal(RunStatus.Retrying, transition.State.Status);
        Assert.Equal(Now + TimeSpan.FromSeconds(10), transition.State.RetryAt);
        Assert.Same(error, transition.State.Error);
        Assert.Null(transition.State.FinishedAt);
        Assert.Equal(RunWrite.Checkpoint, transition.Write);
        Assert.Contains(transition.Effects.OfType<RunEffect.Note>(), n => n.Level == LogLevel.Error && n.Message.Contains("retrying at", StringComparison.Ordinal));
        Assert.True(Has<RunEffect.ArmStep>(transition));
    }

    [Fact]
    public void AttemptFailed_WithNoAttemptsLeft_OrNonRetryable_FailsTheRun()
    {
        var error = new RunError { Type = "E", Message = "boom", Attempt = 1, At = Now };

        var lastAttempt = Decide(Running(Definition(maximumAttempts: 1)), new RunEvent.AttemptFailed(error), _stepping);
        var nonRetryable = Decide(Running(), new RunEvent.AttemptFailed(error with { NonRetryable = true }), _stepping);

        Assert.Equal(RunStatus.Failed, lastAttempt.State.Status);
        Assert.Equal(Now, lastAttempt.State.FinishedAt);
        AssertFinishes(lastAttempt);
        Assert.Equal(RunStatus.Failed, nonRetryable.State.Status);
    }

    [Fact]
    public void StepDeadline_FailsTheAttempt_AndTheRetryStartsTheNextAttemptFromTheLastCheckpoint()
    {
        var committed = Decide(Running(), new RunEvent.StepCommitted(Status(2), true, null), _stepping).State;
        var error = RunErrors.From(new StepDeadlineExceededException(TimeSpan.FromSeconds(30)), committed.Attempt, Now);

        var retrying = Decide(committed, new RunEvent.AttemptFailed(error), _stepping).State;
        _time.Advance(TimeSpan.FromSeconds(10));
        var next = Decide(retrying, new RunEvent.StepStarting(), _stepping);

        Assert.Equal("StepDeadlineExceeded", retrying.Error!.Type);
        Assert.Equal(RunStatus.Retrying, retrying.Status);
        Assert.Equal(RunStatus.Running, next.State.Status);
        Assert.Equal(2, next.State.Attempt);
        Assert.Null(next.State.RetryAt);
        Assert.Equal(1, next.State.Step);
        Assert.True(Has<RunEffect.DisposeInvocation>(next));
        Assert.Contains(next.Effects.OfType<RunEffect.Note>(), n => n.Message == "Attempt 2 of 2 starts from step 1.");
    }

    [Fact]
    public void Pause_BetweenSteps_PausesAtOnce_AndResumeReturnsToWhereItWas()
    {
        var sleeping = Decide(Running(), new RunEvent.StepCommitted(Status(3, sleepFor: TimeSpan.FromMinutes(1)), true, null), _stepping).State;

        var paused = Decide(sleeping, new RunEvent.Pause());
        var resumed = Decide(paused.State, new RunEvent.Resume());

        Assert.Equal(RunStatus.Paused, paused.State.Status);
        Assert.Equal(RunStatus.Sleeping, paused.State.PausedFrom);
        Assert.Equal(RunWrite.CheckpointOrThrow, paused.Write);
        Assert.True(Has<RunEffect.StopStepping>(paused));
        Assert.True(Has<RunEffect.UnregisterKeepAlive>(paused));
        Assert.Equal(RunStatus.Sleeping, resumed.State.Status);
        Assert.Null(resumed.State.PausedFrom);
        Assert.Equal(RunWrite.CheckpointAndKeepAlive, resumed.Write);
        Assert.True(Has<RunEffect.ArmStep>(resumed));
    }

    [Fact]
    public void Pause_DuringAStep_WaitsForItsCommit_WhichPauses()
    {
        var running = Running();

        var requested = Decide(running, new RunEvent.Pause(), _stepping);
        var committed = Decide(running, new RunEvent.StepCommitted(Status(1), true, null), _stepping with { PauseRequested = requested.PauseRequested });

        Assert.Same(running, requested.State);
        Assert.Equal(RunWrite.None, requested.Write);
        Assert.True(requested.PauseRequested);
        Assert.Equal(RunStatus.Paused, committed.State.Status);
        Assert.Equal(RunStatus.Running, committed.State.PausedFrom);
        Assert.Equal(1, committed.State.Step);
        Assert.False(committed.PauseRequested);
        Assert.False(Has<RunEffect.ArmStep>(committed));
        Assert.False(Has<RunEffect.BeginStep>(committed));
    }

    [Fact]
    public void Resume_DuringAStep_BeforeItsCommit_DropsThePendingPause()
    {
        var transition = Decide(Running(), new RunEvent.Resume(), _stepping with { PauseRequested = true });

        Assert.False(transition.PauseRequested);
        Assert.Equal(RunWrite.None, transition.Write);
    }

    [Fact]
    public void Terminate_CancelsTheStep_RecordsTheReason_AndFinishes()
    {
        var transition = Decide(Running(), new RunEvent.Terminate(null), _stepping);

        Assert.Equal(RunStatus.Terminated, transition.State.Status);
        Assert.Equal(RunStateMachine.DefaultTerminationReason, transition.State.TerminationReason);
        Assert.Equal(Now, transition.State.FinishedAt);
        Assert.Equal(RunWrite.CheckpointOrThrow, transition.Write);
        Assert.IsType<RunEffect.CancelStep>(transition.Effects[0]);
        AssertFinishes(transition);
    }

    [Fact]
    public void ControlOfAFinishedRun_IsRefusedAsAConflict_AndChangesNothing()
    {
        var terminated = Decide(Running(), new RunEvent.Terminate("done")).State;

        foreach (var @event in new RunEvent[] { new RunEvent.Pause(), new RunEvent.Resume(), new RunEvent.Terminate("again"), new RunEvent.Retry(TimeSpan.Zero) })
        {
            var refused = Decide(terminated, @event);
            Assert.NotNull(refused.Conflict);
            Assert.Contains("terminated", refused.Conflict, StringComparison.Ordinal);
            Assert.Same(terminated, refused.State);
            Assert.Empty(refused.Effects);
        }
    }

    [Fact]
    public void Retry_OfAFailedRun_RetriesAfterTheDelay_AndOnlyAFailedRun()
    {
        var error = new RunError { Type = "E", Message = "boom", Attempt = 2, At = Now, NonRetryable = true };
        var failed = Decide(Running(), new RunEvent.AttemptFailed(error), _stepping).State;

        var retried = Decide(failed, new RunEvent.Retry(TimeSpan.FromSeconds(30)));
        var running = Decide(Running(), new RunEvent.Retry(TimeSpan.Zero));

        Assert.Equal(RunStatus.Retrying, retried.State.Status);
        Assert.Equal(Now + TimeSpan.FromSeconds(30), retried.State.RetryAt);
        Assert.Null(retried.State.FinishedAt);
        Assert.Equal(RunWrite.CheckpointAndKeepAlive, retried.Write);
        Assert.True(Has<RunEffect.ForgetWaiters>(retried));
        Assert.True(Has<RunEffect.ArmStep>(retried));
        Assert.Contains("only a failed run can be retried", running.Conflict, StringComparison.Ordinal);
    }

    [Fact]
    public void Superseded_StepsDownWithoutWriting()
    {
        var running = Running();

        var transition = Decide(running, new RunEvent.Superseded(), _stepping);

        Assert.Same(running, transition.State);
        Assert.Equal(RunWrite.None, transition.Write);
        Assert.IsType<RunEffect.StepDown>(Assert.Single(transition.Effects));
    }

    [Fact]
    public void SinkFailed_IsRecorded_AndRaisedAsAnEvent()
    {
        var completed = Decide(Running(), new RunEvent.StepCommitted(Status(0, complete: true), true, "memory://r"), _stepping).State;

        var transition = Decide(completed, new RunEvent.SinkFailed("webhook sink s: given up"));

        Assert.Equal(RunStatus.Completed, transition.State.Status);
        Assert.Equal(["webhook sink s: given up"], transition.State.SinkFailures);
        Assert.Equal(RunWrite.CheckpointOrThrow, transition.Write);
        Assert.Equal("webhook sink s: given up", Assert.Single(transition.Effects.OfType<RunEffect.PublishSinkFailed>()).Reason);
    }

    [Fact]
    public void ResultDeliveriesStarted_ClearsThePending_AndRaisesEachFailedStart()
    {
        var completed = Decide(Running(Definition(2, "a", "b")), new RunEvent.StepCommitted(Status(0, complete: true), true, null), _stepping).State;

        var transition = Decide(completed, new RunEvent.ResultDeliveriesStarted(["b: could not start"]));
        var again = Decide(transition.State, new RunEvent.ResultDeliveriesStarted(["b: could not start"]));

        Assert.False(transition.State.ResultWebhooksPending);
        Assert.Equal(["b: could not start"], transition.State.SinkFailures);
        Assert.Single(transition.Effects.OfType<RunEffect.PublishSinkFailed>());
        Assert.Same(transition.State, again.State);
        Assert.Empty(again.Effects);
    }
}
