namespace Orleans.Jobs;

/// <summary>Invalid input: names the field and the problem. Nothing stored was changed.</summary>
[GenerateSerializer, Alias("Orleans.Jobs.JobValidationException")]
public sealed class JobValidationException : JobsException
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public JobValidationException(string field, string problem) : base($"Invalid {field}: {problem}")
    {
        Field = field;
    }

    /// <summary>The field at fault, e.g. <c>id</c>, <c>type</c>, <c>retry.maximumAttempts</c>.</summary>
    [Id(0)]
    public string Field { get; }
}
