namespace Orleans.Jobs;

/// <summary>
/// What job code running as an item of a payload run knows of that run, and how it extends it (nested scheduling:
/// a crawler adding the pages it found). Items added are committed with the item's own completion: if the item runs
/// again (its silo died), the items it adds then take their place.
/// </summary>
public interface IPayloadItemContext
{
    /// <summary>The payload run's id.</summary>
    string RunId { get; }

    /// <summary>This item's position in the run, from 0.</summary>
    int Index { get; }

    /// <summary>This item's attempt, from 1.</summary>
    int Attempt { get; }

    /// <summary>
    /// Adds items to the run. Throws <see cref="PayloadLimitExceededException"/> past the run's item limit (as far as
    /// it was known when this item started; the run checks again when the item completes).
    /// </summary>
    void Add(params IReadOnlyList<PayloadItem> items);
}
