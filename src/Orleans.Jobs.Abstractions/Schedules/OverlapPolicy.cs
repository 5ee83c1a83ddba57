namespace Orleans.Jobs;

/// <summary>What a scheduled fire does while a run of the job is still active.</summary>
public enum OverlapPolicy
{
    /// <summary>Skip the fire; the ledger records it as skipped for overlap. The default.</summary>
    Skip,

    /// <summary>Keep one fire to start when the active run finishes; further fires meanwhile are skipped.</summary>
    BufferOne,

    /// <summary>Keep every fire (up to <c>JobsOptions.MaximumBufferedFires</c>) and start them one at a time, in order.</summary>
    BufferAll,

    /// <summary>Start the run alongside the active ones.</summary>
    AllowConcurrent,

    /// <summary>Terminate the active runs, then start the new one.</summary>
    CancelRunning,
}
