namespace Orleans.Jobs;

/// <summary>One field of a <see cref="CalendarSpec"/>: every value, or the union of values and ranges.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.CalendarField")]
public sealed record CalendarField
{
    /// <summary>Matches every value (<c>"*"</c>).</summary>
    public static CalendarField Every { get; } = new();

    /// <summary>The ranges; empty means every value.</summary>
    [Id(0)]
    public IReadOnlyList<CalendarRange> Ranges { get; init; } = [];

    /// <summary>Whether the field matches every value.</summary>
    public bool IsEvery => Ranges.Count == 0;

    /// <summary>One value.</summary>
    public static CalendarField Value(int value) => Of(new CalendarRange { Start = value, End = value });

    /// <summary>An inclusive range, optionally every <paramref name="step"/>-th value.</summary>
    public static CalendarField Range(int start, int end, int step = 1) => Of(new CalendarRange { Start = start, End = end, Step = step });

    /// <summary>An inclusive range of weekdays, e.g. Monday–Friday.</summary>
    public static CalendarField Range(DayOfWeek start, DayOfWeek end) => Range((int)start, (int)end);

    /// <summary>The union of <paramref name="ranges"/>.</summary>
    public static CalendarField Of(params CalendarRange[] ranges) => new() { Ranges = ranges };

    /// <summary>Value equality over the ranges.</summary>
    public bool Equals(CalendarField? other) => other is not null && Ranges.SequenceEqual(other.Ranges);

    /// <inheritdoc />
    public override int GetHashCode() => Ranges.Aggregate(17, (hash, range) => HashCode.Combine(hash, range));

    /// <summary>The matching values within <paramref name="minimum"/>–<paramref name="maximum"/>, as flags indexed by value.</summary>
    internal bool[] Expand(int minimum, int maximum)
    {
        var matches = new bool[maximum + 1];
        if (IsEvery)
        {
            Array.Fill(matches, true, minimum, maximum - minimum + 1);
            return matches;
        }

        foreach (var range in Ranges)
        {
            foreach (var value in range.Values())
            {
                matches[value] = true;
            }
        }

        return matches;
    }

    /// <summary>Throws naming <paramref name="field"/> when a range leaves <paramref name="minimum"/>–<paramref name="maximum"/>.</summary>
    internal void Validate(string field, int minimum, int maximum)
    {
        if (Ranges is null)
        {
            throw new JobValidationException(field, "must not be null.");
        }

        if (Ranges.Count > ScheduleLimits.MostRangesPerField)
        {
            throw new JobValidationException(field, $"lists {Ranges.Count} ranges; the limit is {ScheduleLimits.MostRangesPerField}.");
        }

        foreach (var range in Ranges)
        {
            if (range is null)
            {
                throw new JobValidationException(field, "a range must not be null.");
            }

            if (range.Start < minimum || range.End > maximum || range.Start > range.End)
            {
                throw new JobValidationException(field, $"range {range.Start}–{range.End} must lie within {minimum}–{maximum} and start no later than it ends.");
            }

            if (range.Step < 1)
            {
                throw new JobValidationException(field, $"step must be at least 1, not {range.Step}.");
            }
        }
    }
}
