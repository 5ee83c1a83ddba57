namespace Orleans.Jobs;

/// <summary>The request conflicts with the stored state: a stale version, an existing job, a finished run.</summary>
[GenerateSerializer, Alias("Orleans.Jobs.JobConflictException")]
public sealed class JobConflictException : JobsException
{
    /// <summary>Creates the exception.</summary>
    public JobConflictException(string message) : base(message)
    {
    }
}
