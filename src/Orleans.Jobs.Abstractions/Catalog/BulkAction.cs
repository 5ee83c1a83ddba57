namespace Orleans.Jobs;

/// <summary>What a bulk operation does to each job it matches.</summary>
public enum BulkAction
{
    /// <summary>Pause jobs that are not paused or cancelled.</summary>
    Pause,

    /// <summary>Resume paused jobs.</summary>
    Resume,

    /// <summary>Cancel jobs that are not cancelled (a reason is required).</summary>
    Cancel,

    /// <summary>Retry jobs whose last run failed, now.</summary>
    Retry,

    /// <summary>Delete every matching job.</summary>
    Delete,
}
