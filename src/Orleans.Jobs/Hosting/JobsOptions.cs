namespace Orleans.Jobs.Hosting;

/// <summary>Engine settings. Each default is stated on its property and checked at silo start.</summary>
public sealed class JobsOptions
{
    /// <summary>
    /// Period of the reminder that keeps an active run alive: if the run's silo dies, the run resumes elsewhere
    /// within about this long (plus failure detection). At least Orleans' minimum reminder period. Default 1 min.
    /// </summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Finished runs kept in a job's history. Default 100.</summary>
    public int HistoryLimit { get; set; } = 100;

    /// <summary>Largest parameters object accepted, in UTF-8 bytes. Default 64 KiB.</summary>
    public int MaximumParametersBytes { get; set; } = 64 * 1024;

    /// <summary>Longest step deadline a job may ask for. Default 1 h.</summary>
    public TimeSpan MaximumStepDeadline { get; set; } = TimeSpan.FromHours(1);
}
