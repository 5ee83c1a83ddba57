namespace Orleans.Jobs;

/// <summary>
/// Activity notifications: what people should see about a job (an import finished, a source was unreachable). Kept in
/// the job's activity log, newest first, next to the engine's own entries for finished runs.
/// </summary>
public interface IJobNotifier
{
    /// <summary>Records a success.</summary>
    Task SuccessAsync(string activity, string title, string summary, CancellationToken cancellationToken = default);

    /// <summary>Records a warning.</summary>
    Task WarningAsync(string activity, string title, string summary, CancellationToken cancellationToken = default);

    /// <summary>Records an error.</summary>
    Task ErrorAsync(string activity, string title, string summary, CancellationToken cancellationToken = default);
}
