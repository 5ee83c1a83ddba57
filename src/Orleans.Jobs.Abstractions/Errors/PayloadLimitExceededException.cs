namespace Orleans.Jobs;

/// <summary>A payload run was asked to hold more items than its <see cref="PayloadDefinition.MaxItems"/>.</summary>
[GenerateSerializer, Alias("Orleans.Jobs.PayloadLimitExceededException")]
public sealed class PayloadLimitExceededException : JobsException
{
    /// <summary>Creates the exception.</summary>
    public PayloadLimitExceededException(int limit, int wanted)
        : base($"the payload run may hold at most {limit} items; adding these would make {wanted}.")
    {
        Limit = limit;
        Wanted = wanted;
    }

    /// <summary>The run's item limit.</summary>
    [Id(0)]
    public int Limit { get; }

    /// <summary>How many items the run would have held.</summary>
    [Id(1)]
    public int Wanted { get; }
}
