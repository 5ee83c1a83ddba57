namespace Orleans.Jobs.Silo.Demo;

/// <summary>The main command's settings (<c>--runs 2</c> on the command line, or <c>Demo__Runs</c> in the environment).</summary>
public sealed class DemoOptions
{
    /// <summary>Whether the silo runs the demo; without it the silo just serves the cluster until stopped. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Scheduled runs to follow before the silo stops; 0 keeps going until Ctrl+C. Default 3.</summary>
    public int Runs { get; set; } = 3;

    /// <summary>The import fires every this many seconds (a divisor of 60). Default 3.</summary>
    public int EverySeconds { get; set; } = 3;

    /// <summary>The Blob container the offline-store files are uploaded to. Default <c>offline-stores</c>.</summary>
    public string SourceContainer { get; set; } = "offline-stores";

    /// <summary>The Table the imported stores land in. Default <c>OfflineStores</c>.</summary>
    public string DestinationTable { get; set; } = "OfflineStores";

    /// <summary>
    /// A Table where the countdown job records every step it performs (for failover and chaos checks); empty (the
    /// default) records nothing. Storage modes Azurite and Azure only.
    /// </summary>
    public string CountdownWitnessTable { get; set; } = "";
}
