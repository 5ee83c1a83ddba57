using Azure.Data.Tables;

namespace Orleans.Jobs.Samples.Countdown;

/// <summary>
/// Countdown steps as rows of a Table: partition = the run id (with <c>/</c> as <c>|</c>, which keys may hold), row =
/// <c>{step:D6}-{execution}</c>, so every performance of a step is its own row. Creates its table on first use.
/// </summary>
public sealed class TableCountdownWitness(TableClient table) : ICountdownWitness
{
    private readonly Lazy<Task> _created = new(() => table.CreateIfNotExistsAsync());

    /// <summary>The partition key of a run's rows.</summary>
    public static string Partition(string runId) => runId.Replace('/', '|');

    /// <inheritdoc />
    public async Task RecordAsync(string runId, int step, int attempt, int processId, string execution, CancellationToken cancellationToken)
    {
        await _created.Value.WaitAsync(cancellationToken);
        await table.AddEntityAsync(
            new TableEntity(Partition(runId), $"{step:D6}-{execution}")
            {
                ["Step"] = step,
                ["Attempt"] = attempt,
                ["ProcessId"] = processId,
                ["Execution"] = execution,
                ["At"] = DateTimeOffset.UtcNow,
            },
            cancellationToken);
    }
}
