namespace Orleans.Jobs.Payloads;

/// <summary>The checkpointed state of a payload run: every item and where it stands.</summary>
public sealed class PayloadRunState
{
    /// <summary>The items, the definition's first, then those added while the run ran.</summary>
    public List<PayloadItemState> Items { get; set; } = [];

    /// <summary>The counts shown in the run's status.</summary>
    public RunProgress Progress()
    {
        long pending = 0, running = 0, retrying = 0, completed = 0, failed = 0;
        foreach (var item in Items)
        {
            switch (item.Status)
            {
                case PayloadItemStatus.Pending: pending++; break;
                case PayloadItemStatus.Running: running++; break;
                case PayloadItemStatus.Retrying: retrying++; break;
                case PayloadItemStatus.Completed: completed++; break;
                case PayloadItemStatus.Failed: failed++; break;
            }
        }

        return new RunProgress { Completed = completed, Pending = pending + running + retrying, Running = running, Retrying = retrying, Failed = failed };
    }
}
