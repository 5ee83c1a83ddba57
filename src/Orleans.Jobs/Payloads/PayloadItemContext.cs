namespace Orleans.Jobs.Payloads;

/// <summary>The <see cref="IPayloadItemContext"/> of one item attempt: collects the items it adds.</summary>
internal sealed class PayloadItemContext(PayloadItemRequest request) : IPayloadItemContext
{
    private readonly List<PayloadItem> _added = [];

    public string RunId => request.RunId;

    public int Index => request.Index;

    public int Attempt => request.Attempt;

    public IReadOnlyList<PayloadItem> Added
    {
        get
        {
            lock (_added)
            {
                return [.. _added];
            }
        }
    }

    public void Add(params IReadOnlyList<PayloadItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (string.IsNullOrWhiteSpace(item.Type))
            {
                throw new JobValidationException("payload.items.type", "is required.");
            }

            if (item.Type == PayloadTypes.Payload)
            {
                throw new JobValidationException("payload.items.type", "an item cannot be a payload itself.");
            }
        }

        lock (_added)
        {
            if (_added.Count + items.Count > request.Capacity)
            {
                throw new PayloadLimitExceededException(request.MaxItems, request.MaxItems - request.Capacity + _added.Count + items.Count);
            }

            _added.AddRange(items);
        }
    }
}
