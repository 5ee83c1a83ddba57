namespace Orleans.Jobs.Cli.Invocation;

/// <summary>What the <c>jobs</c> command's exit code says, so scripts can tell failures apart.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Anything not listed below (the message says what).</summary>
    public const int Error = 1;

    /// <summary>Invalid input: a flag, a file, or a value the cluster refused, named in the message.</summary>
    public const int InvalidInput = 2;

    /// <summary>An unknown job, run or webhook id.</summary>
    public const int NotFound = 3;

    /// <summary>A conflict with what is stored: a stale version, a paused or cancelled job, a backfill under way.</summary>
    public const int Conflict = 4;

    /// <summary>The cluster could not be reached.</summary>
    public const int Unreachable = 5;

    /// <summary><c>trigger --wait</c>: the run ended failed or terminated.</summary>
    public const int RunNotCompleted = 6;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Interrupted = 130;
}
