using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Execution;

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: its entry in the job's activity log was lost.")]
    private static partial void LogActivityFailed(ILogger logger, Exception exception, string runId);

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
}
