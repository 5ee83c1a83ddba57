namespace Orleans.Jobs.Silo.Demo;

/// <summary>The main command's settings (<c>--runs 2</c> on the command line, or <c>Demo__Runs</c> in the environment).</summary>
public sealed class DemoOptions
{
    /// <summary>Runs of the sample import to trigger by hand, one after another. Default 1.</summary>
    public int Runs { get; set; } = 1;

    /// <summary>Records each triggered run imports. Default 40.</summary>
    public int Records { get; set; } = 40;

    /// <summary>Scheduled runs of the offline-store import to follow before the silo stops; 0 keeps going until Ctrl+C. Default 3.</summary>
    public int ScheduledRuns { get; set; } = 3;

    /// <summary>The offline-store import fires every this many seconds (a divisor of 60). Default 3.</summary>
    public int EverySeconds { get; set; } = 3;
}
