namespace Orleans.Jobs.Silo;

/// <summary>The main command's settings (<c>--runs 2</c> on the command line, or <c>Demo__Runs</c> in the environment).</summary>
public sealed class DemoOptions
{
    /// <summary>Runs of the sample job to trigger one after another before the silo stops; 0 keeps going until Ctrl+C. Default 3.</summary>
    public int Runs { get; set; } = 3;

    /// <summary>Records each run imports. Default 40.</summary>
    public int Records { get; set; } = 40;
}
