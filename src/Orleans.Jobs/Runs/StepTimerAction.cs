namespace Orleans.Jobs.Runs;

/// <summary>What a run's step timer does when it fires (<see cref="RunWatchdog.OnStepTimer"/>).</summary>
internal enum StepTimerAction
{
    /// <summary>A step is in flight, the activation is going away, or the run has no step to take.</summary>
    Ignore,

    /// <summary>The run's wake or retry time has not come yet: arm the timer again.</summary>
    Rearm,

    /// <summary>Take the step.</summary>
    Begin,
}
