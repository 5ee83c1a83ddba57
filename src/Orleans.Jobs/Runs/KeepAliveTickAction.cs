namespace Orleans.Jobs.Runs;

/// <summary>What a run's keep-alive tick does (<see cref="RunWatchdog.OnKeepAliveTick"/>).</summary>
internal enum KeepAliveTickAction
{
    /// <summary>No state was read: read again before giving up the reminder.</summary>
    ReadAgain,

    /// <summary>The run finished: tell its job, its catalog row and its webhook sinks again.</summary>
    RepeatReports,

    /// <summary>The run is paused: nothing needs to bring it back until it resumes.</summary>
    Unregister,

    /// <summary>The run is active: check its progress.</summary>
    Check,
}
