namespace Orleans.Jobs.Payloads;

/// <summary>Where one item of a payload run stands.</summary>
public enum PayloadItemStatus
{
    /// <summary>Waiting for a free slot.</summary>
    Pending,

    /// <summary>Dispatched to an item grain; its outcome is awaited.</summary>
    Running,

    /// <summary>Failed an attempt; waits out its backoff, then is pending again.</summary>
    Retrying,

    /// <summary>Done.</summary>
    Completed,

    /// <summary>Failed for good: out of attempts, or a non-retryable error.</summary>
    Failed,
}
