using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Scheduling;

/// <summary>The job grain's log messages.</summary>
internal sealed partial class JobGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} created ({Type}, generation {Generation}); next fire {NextFireAt}.")]
    private partial void LogCreated(string jobId, string type, long generation, DateTimeOffset? nextFireAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} updated to version {Version}; next fire {NextFireAt}.")]
    private partial void LogUpdated(string jobId, long version, DateTimeOffset? nextFireAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} triggered run {RunId}.")]
    private partial void LogTriggered(string jobId, string runId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} fired run {RunId}.")]
    private partial void LogFired(string jobId, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} paused.")]
    private partial void LogPaused(string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} resumed; next fire {NextFireAt}.")]
    private partial void LogResumed(string jobId, DateTimeOffset? nextFireAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} deleted (generation {Generation}).")]
    private partial void LogDeleted(string jobId, long generation);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A call to run {RunId} was skipped: it had finished or was never stored.")]
    private partial void LogRunCallSkipped(Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled: {Reason}.")]
    private partial void LogCancelled(string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} rescheduled (version {Version}); next fire {NextFireAt}.")]
    private partial void LogRescheduled(string jobId, long version, DateTimeOffset? nextFireAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: an entry of its activity log was lost.")]
    private partial void LogActivityLost(Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: failed run {RunId} retried after {Delay}.")]
    private partial void LogRetried(string jobId, string runId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: backfill of {Count} occurrences from {From} to {To}, at most {MaxConcurrency} at a time.")]
    private partial void LogBackfill(string jobId, int count, DateTimeOffset from, DateTimeOffset to, int maxConcurrency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} is unhealthy: no run completed within {SuccessWithin} (last success {LastSuccessAt}).")]
    private partial void LogUnhealthy(string jobId, TimeSpan successWithin, DateTimeOffset? lastSuccessAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: the run of {Occurrence} could not be started yet; trying again.")]
    private partial void LogStartRetried(Exception exception, string jobId, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the run of {Occurrence} could not be started; the occurrence is recorded as missed.")]
    private partial void LogStartFailed(Exception exception, string jobId, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: active run {RunId} did not answer its check; it is asked again at the next tick.")]
    private partial void LogRunCheckFailed(Exception exception, string jobId, string runId);
}
