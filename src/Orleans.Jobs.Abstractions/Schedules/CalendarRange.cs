namespace Orleans.Jobs;

/// <summary>An inclusive range of a calendar field's values, every <see cref="Step"/>-th from <see cref="Start"/>.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.CalendarRange")]
public sealed record CalendarRange
{
    /// <summary>The first value.</summary>
    [Id(0)]
    public required int Start { get; init; }

    /// <summary>The last value, inclusive; equal to <see cref="Start"/> for a single value.</summary>
    [Id(1)]
    public required int End { get; init; }

    /// <summary>Take every n-th value from <see cref="Start"/>. Default 1.</summary>
    [Id(2)]
    public int Step { get; init; } = 1;

    /// <summary>The values, in order.</summary>
    public IEnumerable<int> Values()
    {
        for (var value = Start; value <= End; value += Step)
        {
            yield return value;
        }
    }
}
