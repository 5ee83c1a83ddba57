using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Runs;

internal sealed partial class RunGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} ({Type}) started on {Silo}.")]
    private static partial void LogStarted(ILogger logger, string runId, string type, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} activated with status {Status} at step {Step} on {Silo}; resuming.")]
    private static partial void LogResuming(ILogger logger, string runId, RunStatus status, long step, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished: {Status} after {Attempt} attempt(s) and {Step} step(s).")]
    private static partial void LogFinished(ILogger logger, string runId, RunStatus status, int attempt, long step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} attempt {Attempt} failed; the run is now {Status}.")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string runId, int attempt, RunStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} paused.")]
    private static partial void LogPaused(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} resumed.")]
    private static partial void LogResumed(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} terminated: {Reason}.")]
    private static partial void LogTerminated(ILogger logger, string runId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: another activation committed first; this one stops and its step is discarded.")]
    private static partial void LogStaleActivation(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: writing the checkpoint failed; the run resumes from the last committed checkpoint.")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: the engine failed while taking a step; the run resumes from the last committed checkpoint.")]
    private static partial void LogStepLoopFault(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: telling its job that it finished failed; the keep-alive reminder will try again.")]
    private static partial void LogJobNotificationFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the keep-alive reminder could not be changed.")]
    private static partial void LogReminderFault(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: appending to the run log failed.")]
    private static partial void LogRunLogFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: disposing the job instance failed.")]
    private static partial void LogDisposeFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: retry requested, next attempt at {RetryAt}.")]
    private static partial void LogRetryRequested(ILogger logger, string runId, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: its step timer, due at {DueAt}, has not fired; arming it again.")]
    private static partial void LogStepTimerOverdue(ILogger logger, string runId, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the step started at {StartedAt} is still in flight long past its deadline; leaving this activation to resume from the last checkpoint.")]
    private static partial void LogStepStuck(ILogger logger, string runId, DateTimeOffset startedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: another activation committed its checkpoint; this one steps down before its next step.")]
    private static partial void LogSuperseded(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId}: step timer fired ({Status}, in flight {InFlight}, stale {Stale}).")]
    private static partial void LogStepTimerFired(ILogger logger, string runId, RunStatus status, bool inFlight, bool stale);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId}: keep-alive tick ({Status}, in flight {InFlight}, stale {Stale}, timer {TimerArmed}, due {DueAt}).")]
    private static partial void LogKeepAliveTick(ILogger logger, string runId, RunStatus status, bool inFlight, bool stale, bool timerArmed, DateTimeOffset? dueAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId}: keep-alive reminder registered.")]
    private static partial void LogKeepAliveRegistered(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: this activation read no checkpoint but one exists now; it steps down so a fresh one resumes the run.")]
    private static partial void LogStaleRead(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId}: {Phase} of step {Step} handed to the job.")]
    private static partial void LogStepStarted(ILogger logger, string runId, string phase, long step);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId}: {Phase} came back (in time: {InTime}).")]
    private static partial void LogStepReturned(ILogger logger, string runId, string phase, bool inTime);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId}: committing after step {Step}.")]
    private static partial void LogCommitting(ILogger logger, string runId, long step);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId}: watchdog ({Status}, in flight {InFlight}, stale {Stale}, step started {StartedAt}, due {DueAt}).")]
    private static partial void LogWatchdog(ILogger logger, string runId, RunStatus status, bool inFlight, bool stale, DateTimeOffset? startedAt, DateTimeOffset? dueAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId}: finished and reported; its activation is released.")]
    private static partial void LogReleased(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: its silo stops; handing it over to continue from step {Step} on another silo.")]
    private static partial void LogHandingOver(ILogger logger, string runId, long step);
}
