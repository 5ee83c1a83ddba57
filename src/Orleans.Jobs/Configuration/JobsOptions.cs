namespace Orleans.Jobs.Configuration;

/// <summary>Engine settings. Each default is stated on its property and checked at silo start.</summary>
public sealed class JobsOptions
{
    /// <summary>
    /// Period of the reminder that keeps an active run alive: if the run's silo dies, the run resumes elsewhere
    /// within about this long (plus failure detection). At least Orleans' minimum reminder period. Default 1 min.
    /// </summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the activation of a job without a next fire (triggered only, or past its last occurrence) stays once
    /// its runs have all finished, for the next trigger to find it warm; then it goes, rather than after Orleans'
    /// collection age. Zero releases it at once. Default 10 s.
    /// </summary>
    public TimeSpan IdleJobRelease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Finished runs kept in a job's history. Default 100.</summary>
    public int HistoryLimit { get; set; } = 100;

    /// <summary>Largest parameters object accepted, in UTF-8 bytes. Default 64 KiB.</summary>
    public int MaximumParametersBytes { get; set; } = 64 * 1024;

    /// <summary>Longest step deadline a job may ask for. Default 1 h.</summary>
    public TimeSpan MaximumStepDeadline { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Fires due within this are driven by a precise grain timer in a kept activation; later ones by the job's durable
    /// reminder, which wakes the job about half of this before the fire. Default 2 min.
    /// </summary>
    public TimeSpan ScheduleTimerHorizon { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Occurrences kept in a job's ledger, newest first. Default 1,000.</summary>
    public int LedgerLimit { get; set; } = 1000;

    /// <summary>Most occurrences a job buffers for its overlap policy; further fires are skipped. Default 100.</summary>
    public int MaximumBufferedFires { get; set; } = 100;

    /// <summary>Missed fires listed one by one in the ledger after downtime; beyond this they are counted. Default 100.</summary>
    public int MaximumMissedFiresListed { get; set; } = 100;

    /// <summary>Largest value in a job's key-value store, in UTF-8 bytes of JSON. Default 64 KiB.</summary>
    public int MaximumStoreValueBytes { get; set; } = 64 * 1024;

    /// <summary>Most keys in a job's key-value store. Default 1,000.</summary>
    public int MaximumStoreKeys { get; set; } = 1000;

    /// <summary>Entries kept in a job's activity log, newest first. Default 200.</summary>
    public int ActivityLimit { get; set; } = 200;

    /// <summary>Most occurrences one backfill may queue; a larger range is refused (split it). Default 1,000.</summary>
    public int BackfillLimit { get; set; } = 1000;

    /// <summary>
    /// Before each step (after the first of an activation, which always claims the checkpoint with a write) a run
    /// reads its checkpoint back and steps down if another activation of it has written it since (Orleans may briefly
    /// hold two activations of a grain while membership changes): a step's work then happens on one activation only.
    /// Costs one blob read per step. Default true.
    /// </summary>
    public bool VerifyCheckpointBeforeStep { get; set; } = true;
}
