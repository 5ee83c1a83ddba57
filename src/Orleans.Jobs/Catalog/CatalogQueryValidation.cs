namespace Orleans.Jobs.Catalog;

/// <summary>Checks shared by every catalog backend.</summary>
public static class CatalogQueryValidation
{
    /// <summary>Largest page a query may ask for.</summary>
    public const int MaximumLimit = 1000;

    /// <summary>Throws <see cref="JobValidationException"/> for a limit outside 1–1000.</summary>
    public static void ValidateLimit(int limit)
    {
        if (limit is < 1 or > MaximumLimit)
        {
            throw new JobValidationException("limit", $"must be 1–{MaximumLimit}, not {limit}.");
        }
    }

    /// <summary>Largest offset a job query may ask for.</summary>
    public const int MaximumOffset = 100_000;

    /// <summary>Throws <see cref="JobValidationException"/> for an offset out of range or combined with a continuation.</summary>
    public static void ValidateOffset(int offset, string? continuation)
    {
        if (offset is < 0 or > MaximumOffset)
        {
            throw new JobValidationException("offset", $"must be 0–{MaximumOffset}, not {offset}.");
        }

        if (offset > 0 && continuation is not null)
        {
            throw new JobValidationException("offset", "give an offset or a continuation, not both.");
        }
    }

    /// <summary>True when <paramref name="labels"/> carries every label of <paramref name="required"/>.</summary>
    public static bool HasLabels(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> required) =>
        required.All(pair => labels.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.Ordinal));
}
