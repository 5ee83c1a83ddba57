namespace Orleans.Jobs;

/// <summary>Base of the errors Orleans.Jobs reports to callers; they cross grain calls intact.</summary>
[GenerateSerializer, Alias("Orleans.Jobs.JobsException")]
public class JobsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobsException(string message) : base(message)
    {
    }
}
