namespace Orleans.Jobs.Scheduling;

/// <summary>The calls to a job that only the engine makes: its runs report that they finished.</summary>
[Alias("Orleans.Jobs.Scheduling.IJobEngineGrain")]
internal interface IJobEngineGrain : IGrainWithStringKey
{
    /// <summary>Called by a run grain when its run finishes; idempotent per run id.</summary>
    [Alias("RunFinished")]
    Task RunFinishedAsync(RunHistoryEntry entry);
}
