namespace Orleans.Jobs;

/// <summary>
/// Thrown by job code for an error that another attempt cannot fix (bad input, missing permission):
/// the run fails at once instead of being retried.
/// </summary>
public sealed class NonRetryableJobException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonRetryableJobException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public NonRetryableJobException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
