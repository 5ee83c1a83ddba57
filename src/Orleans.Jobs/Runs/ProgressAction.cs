namespace Orleans.Jobs.Runs;

/// <summary>What the check of an active run's progress does (<see cref="RunWatchdog.CheckProgress"/>).</summary>
internal enum ProgressAction
{
    /// <summary>All is well, or there is nothing to watch.</summary>
    None,

    /// <summary>No step is armed: arm one.</summary>
    ArmStep,

    /// <summary>The armed step is overdue by more than a keep-alive period: arm it again.</summary>
    RearmOverdueStep,

    /// <summary>The step in flight is stuck far past its deadline: give up this activation.</summary>
    StepDown,
}
