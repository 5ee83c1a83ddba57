using System.Text.Json;

namespace Orleans.Jobs.Payloads;

/// <summary>One item in a payload run's checkpoint.</summary>
public sealed class PayloadItemState
{
    /// <summary>Position in the run, from 0.</summary>
    public int Index { get; set; }

    /// <summary>What the item runs.</summary>
    public PayloadItem Item { get; set; } = null!;

    /// <summary>Where it stands.</summary>
    public PayloadItemStatus Status { get; set; }

    /// <summary>Attempts started (a run that moves silos does not count the attempts it lost in flight).</summary>
    public int Attempts { get; set; }

    /// <summary>When a retrying item becomes pending again.</summary>
    public DateTimeOffset? RetryAt { get; set; }

    /// <summary>The silo of the last attempt.</summary>
    public string? Silo { get; set; }

    /// <summary>The last attempt's error.</summary>
    public RunError? Error { get; set; }

    /// <summary>The item's result (JSON, capped), once completed.</summary>
    public JsonElement? Result { get; set; }

    /// <summary>The item that added this one while it ran (nested scheduling); null for the definition's items.</summary>
    public int? AddedBy { get; set; }

    /// <summary>When the item completed or failed for good.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
}
