namespace Orleans.Jobs.Runs;

/// <summary>How an exception from job code (a run's step or a payload item) is recorded, and whether a retry may fix it.</summary>
internal static class RunErrors
{
    public static RunError From(Exception exception, int attempt, DateTimeOffset at) => exception switch
    {
        StepDeadlineExceededException => new RunError { Type = "StepDeadlineExceeded", Message = exception.Message, Attempt = attempt, At = at },
        UnknownJobTypeException => new RunError { Type = "UnknownJobType", Message = exception.Message, NonRetryable = true, Attempt = attempt, At = at },
        NonRetryableJobException or PayloadLimitExceededException or JobValidationException => new RunError
        {
            Type = (exception is NonRetryableJobException { InnerException: { } inner } ? inner : exception).GetType().FullName ?? "Error",
            Message = exception.Message,
            NonRetryable = true,
            Attempt = attempt,
            At = at,
        },
        _ => new RunError { Type = exception.GetType().FullName ?? "Error", Message = exception.Message, Attempt = attempt, At = at },
    };
}
