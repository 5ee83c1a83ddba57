using Microsoft.Extensions.Time.Testing;
using Orleans.Jobs.Runs;

namespace Orleans.Jobs.Tests.Unit.Runs;

public sealed class RunWatchdogTests
{
    private static readonly TimeSpan _period = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));

    private static RunState State(RunStatus status, DateTimeOffset? wakeAt = null, DateTimeOffset? retryAt = null) => new()
    {
        JobId = "j",
        Definition = new JobDefinition { Id = "j", Type = "t", StepDeadline = TimeSpan.FromSeconds(30) },
        Status = status,
        WakeAt = wakeAt,
        RetryAt = retryAt,
    };

    private DateTimeOffset Now => _time.GetUtcNow();

    [Theory]
    [InlineData(RunStatus.Completed, nameof(KeepAliveTickAction.RepeatReports))]
    [InlineData(RunStatus.Failed, nameof(KeepAliveTickAction.RepeatReports))]
    [InlineData(RunStatus.Terminated, nameof(KeepAliveTickAction.RepeatReports))]
    [InlineData(RunStatus.Paused, nameof(KeepAliveTickAction.Unregister))]
    [InlineData(RunStatus.Running, nameof(KeepAliveTickAction.Check))]
    [InlineData(RunStatus.Sleeping, nameof(KeepAliveTickAction.Check))]
    public void OnKeepAliveTick_FollowsTheStatus(RunStatus status, string expected) =>
        Assert.Equal(Enum.Parse<KeepAliveTickAction>(expected), RunWatchdog.OnKeepAliveTick(State(status), new RunActivation { RecordExists = true }));

    [Fact]
    public void OnKeepAliveTick_WithNoStateRead_ReadsAgainBeforeGivingUpTheReminder() =>
        Assert.Equal(KeepAliveTickAction.ReadAgain, RunWatchdog.OnKeepAliveTick(new RunState(), new RunActivation()));

    [Fact]
    public void OnStepTimer_SleepingBeforeItsWakeTime_Rearms_AndAtItBegins()
    {
        var sleeping = State(RunStatus.Sleeping, wakeAt: Now.AddSeconds(5));
        var activation = new RunActivation { RecordExists = true, StepArmed = true };

        var early = RunWatchdog.OnStepTimer(sleeping, activation, Now);
        _time.Advance(TimeSpan.FromSeconds(5));
        var due = RunWatchdog.OnStepTimer(sleeping, activation, Now);

        Assert.Equal(StepTimerAction.Rearm, early);
        Assert.Equal(StepTimerAction.Begin, due);
        Assert.Equal(StepTimerAction.Ignore, RunWatchdog.OnStepTimer(sleeping, activation with { StepInFlight = true }, Now));
        Assert.Equal(StepTimerAction.Ignore, RunWatchdog.OnStepTimer(sleeping, activation with { Stale = true }, Now));
        Assert.Equal(StepTimerAction.Ignore, RunWatchdog.OnStepTimer(State(RunStatus.Paused), activation, Now));
    }

    [Fact]
    public void NextStepAt_IsTheWakeOrRetryTime_NeverInThePast()
    {
        Assert.Equal(Now.AddMinutes(2), RunWatchdog.NextStepAt(State(RunStatus.Sleeping, wakeAt: Now.AddMinutes(2)), Now));
        Assert.Equal(Now.AddSeconds(10), RunWatchdog.NextStepAt(State(RunStatus.Retrying, retryAt: Now.AddSeconds(10)), Now));
        Assert.Equal(Now, RunWatchdog.NextStepAt(State(RunStatus.Sleeping, wakeAt: Now.AddMinutes(-2)), Now));
        Assert.Equal(Now, RunWatchdog.NextStepAt(State(RunStatus.Running), Now));
    }

    [Fact]
    public void CheckProgress_StepStuckFarPastItsDeadline_StepsDown_OnlyAfterTheGrace()
    {
        var running = State(RunStatus.Running);
        var activation = new RunActivation { RecordExists = true, StepInFlight = true, StepStartedAt = Now };

        _time.Advance(TimeSpan.FromSeconds(30) + RunWatchdog.StuckStepGrace(_period));
        var atTheLimit = RunWatchdog.CheckProgress(running, activation, Now, _period);
        _time.Advance(TimeSpan.FromSeconds(1));
        var past = RunWatchdog.CheckProgress(running, activation, Now, _period);

        Assert.Equal(ProgressAction.None, atTheLimit);
        Assert.Equal(ProgressAction.StepDown, past);
        Assert.Equal(TimeSpan.FromMinutes(2), RunWatchdog.StuckStepGrace(_period));
        Assert.Equal(RunWatchdog.MinimumStuckStepGrace, RunWatchdog.StuckStepGrace(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void CheckProgress_NoStepArmed_ArmsOne_AndAnOverdueOneIsArmedAgain()
    {
        var running = State(RunStatus.Running);
        var armed = new RunActivation { RecordExists = true, StepArmed = true, StepDueAt = Now };

        Assert.Equal(ProgressAction.ArmStep, RunWatchdog.CheckProgress(running, new RunActivation { RecordExists = true }, Now, _period));
        Assert.Equal(ProgressAction.None, RunWatchdog.CheckProgress(running, armed, Now + _period, _period));
        Assert.Equal(ProgressAction.RearmOverdueStep, RunWatchdog.CheckProgress(running, armed, Now + _period + TimeSpan.FromMilliseconds(1), _period));
        Assert.Equal(ProgressAction.None, RunWatchdog.CheckProgress(State(RunStatus.Paused), new RunActivation { RecordExists = true }, Now, _period));
        Assert.Equal(ProgressAction.None, RunWatchdog.CheckProgress(running, new RunActivation { RecordExists = true, Stale = true }, Now, _period));
    }
}
