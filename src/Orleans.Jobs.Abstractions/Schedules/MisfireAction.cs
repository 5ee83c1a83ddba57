namespace Orleans.Jobs;

/// <summary>What a job does about fires missed while the cluster was down or the job was paused.</summary>
public enum MisfireAction
{
    /// <summary>Run once now, for the latest missed fire; the earlier ones are recorded as missed. The default.</summary>
    FireOnce,

    /// <summary>Run none of them; they are recorded as missed and the schedule goes on from now.</summary>
    Skip,

    /// <summary>Run each missed fire, oldest first, within <see cref="MisfirePolicy.MaximumCatchUp"/> and <see cref="MisfirePolicy.MaximumCatchUpAge"/>.</summary>
    CatchUp,
}
