using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Catalog;

namespace Orleans.Jobs.AzureStorage;

/// <summary>
/// The job catalog on Table storage. Jobs: one partition, a row per job id, each label also a column
/// (<c>L_{key}</c>) so label filters run in the service. Runs: partitioned by job id, a row per run, so one job's runs
/// are a partition query. Pages follow key order (jobs by id; runs by job id, then run id) and continue after the
/// last key returned.
/// </summary>
internal sealed class TableJobCatalog(AzureStorageClients clients, IOptions<AzureStorageJobsOptions> options) : IJobCatalog
{
    private const string JobsPartition = "jobs";
    private const string LabelColumnPrefix = "L_";

    private TableClient Jobs => clients.Tables.GetTableClient(options.Value.JobCatalogTable);

    private TableClient Runs => clients.Tables.GetTableClient(options.Value.RunCatalogTable);

    public async Task UpsertJobAsync(JobCatalogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new TableEntity(JobsPartition, StorageKeys.ForTable(entry.JobId))
        {
            ["JobId"] = entry.JobId,
            ["Type"] = entry.Type,
            ["Status"] = entry.Status.ToString(),
            ["Labels"] = JsonSerializer.Serialize(entry.Labels, JobJson.Options),
            ["CreatedAt"] = entry.CreatedAt,
            ["UpdatedAt"] = entry.UpdatedAt,
            ["Version"] = entry.Version,
            ["Generation"] = entry.Generation,
            ["LastRunStatus"] = entry.LastRunStatus?.ToString(),
            ["LastRunAt"] = entry.LastRunAt,
            ["Completed"] = entry.Completed,
            ["Failed"] = entry.Failed,
            ["Terminated"] = entry.Terminated,
            ["UnhealthySince"] = entry.UnhealthySince,
        };
        foreach (var (key, value) in entry.Labels)
        {
            row[LabelColumn(key)] = value;
        }

        await CallAsync("upsert job", () => Jobs.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken), missingIsFine: false);
    }

    public async Task DeleteJobAsync(string jobId, CancellationToken cancellationToken) =>
        await CallAsync("delete job", () => Jobs.DeleteEntityAsync(JobsPartition, StorageKeys.ForTable(jobId), ETag.All, cancellationToken), missingIsFine: true);

    public async Task UpsertRunAsync(RunCatalogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new TableEntity(StorageKeys.ForTable(entry.JobId), RunRowKey(entry.JobId, entry.RunId))
        {
            ["RunId"] = entry.RunId,
            ["JobId"] = entry.JobId,
            ["Type"] = entry.Type,
            ["Status"] = entry.Status.ToString(),
            ["Attempt"] = entry.Attempt,
            ["Steps"] = entry.Steps,
            ["CreatedAt"] = entry.CreatedAt,
            ["FinishedAt"] = entry.FinishedAt,
            ["Error"] = entry.Error is { Length: > 16_000 } error ? error[..16_000] : entry.Error,
        };
        await CallAsync("upsert run", () => Runs.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken), missingIsFine: false);
    }

    public async Task<CatalogPage<JobCatalogEntry>> QueryJobsAsync(JobCatalogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        CatalogQueryValidation.ValidateLimit(query.Limit);
        var filters = new List<string> { Filter($"PartitionKey eq {JobsPartition}") };
        if (query.Continuation is { } continuation)
        {
            filters.Add(Filter($"RowKey gt {StorageKeys.ForTable(continuation)}"));
        }

        AddIf(filters, query.Status is not null, () => Filter($"Status eq {query.Status.ToString()}"));
        AddIf(filters, query.Type is not null, () => Filter($"Type eq {query.Type}"));
        AddIf(filters, query.CreatedFrom is not null, () => Filter($"CreatedAt ge {query.CreatedFrom!.Value}"));
        AddIf(filters, query.CreatedTo is not null, () => Filter($"CreatedAt lt {query.CreatedTo!.Value}"));
        foreach (var (key, value) in query.Labels)
        {
            JobIds.Validate(key, $"labels[{key}]");
            filters.Add(TableClient.CreateQueryFilter(FormattableStringFactory.Create(LabelColumn(key) + " eq {0}", value)));
        }

        var (rows, more) = await PageAsync(Jobs, filters, query.Limit, cancellationToken);
        var items = rows.Select(ToJob).ToList();
        return new CatalogPage<JobCatalogEntry> { Items = items, Continuation = more ? items[^1].JobId : null };
    }

    public async Task<CatalogPage<RunCatalogEntry>> QueryRunsAsync(RunCatalogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        CatalogQueryValidation.ValidateLimit(query.Limit);
        var filters = new List<string>();
        var after = query.Continuation is { } continuation ? JobIds.ParseRunId(continuation).JobId : null;
        if (query.JobId is { } jobId)
        {
            filters.Add(Filter($"PartitionKey eq {StorageKeys.ForTable(jobId)}"));
            AddIf(filters, after is not null, () => Filter($"RowKey gt {RunRowKey(after!, query.Continuation!)}"));
        }
        else if (after is not null)
        {
            var partition = StorageKeys.ForTable(after);
            filters.Add($"(({Filter($"PartitionKey eq {partition}")} and {Filter($"RowKey gt {RunRowKey(after, query.Continuation!)}")}) or {Filter($"PartitionKey gt {partition}")})");
        }

        AddIf(filters, query.Status is not null, () => Filter($"Status eq {query.Status.ToString()}"));
        AddIf(filters, query.CreatedFrom is not null, () => Filter($"CreatedAt ge {query.CreatedFrom!.Value}"));
        AddIf(filters, query.CreatedTo is not null, () => Filter($"CreatedAt lt {query.CreatedTo!.Value}"));

        var (rows, more) = await PageAsync(Runs, filters, query.Limit, cancellationToken);
        var items = rows.Select(ToRun).ToList();
        return new CatalogPage<RunCatalogEntry> { Items = items, Continuation = more ? items[^1].RunId : null };
    }

    /// <summary>Up to <paramref name="limit"/> rows matching every filter, in key order, and whether more match.</summary>
    private static async Task<(List<TableEntity> Rows, bool More)> PageAsync(TableClient table, List<string> filters, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>(limit + 1);
        try
        {
            var filter = filters.Count == 0 ? null : string.Join(" and ", filters);
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit + 1, 1000), cancellationToken: cancellationToken))
            {
                rows.Add(row);
                if (rows.Count > limit)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return ([], false);
        }
        catch (RequestFailedException exception)
        {
            throw new OrleansException($"Querying catalog table '{table.Name}' failed: {exception.Status} {exception.ErrorCode}.", exception);
        }

        var more = rows.Count > limit;
        if (more)
        {
            rows.RemoveAt(limit);
        }

        return (rows, more);
    }

    private static async Task CallAsync(string operation, Func<Task<Response>> call, bool missingIsFine)
    {
        try
        {
            await call();
        }
        catch (RequestFailedException exception) when (exception.Status == 404 && missingIsFine)
        {
            // Already gone.
        }
        catch (RequestFailedException exception)
        {
            throw new OrleansException($"Catalog {operation} failed: {exception.Status} {exception.ErrorCode}.", exception);
        }
    }

    private static JobCatalogEntry ToJob(TableEntity row) => new()
    {
        JobId = row.GetString("JobId"),
        Type = row.GetString("Type"),
        Status = Enum.Parse<JobLifecycle>(row.GetString("Status")),
        Labels = JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Labels") ?? "{}", JobJson.Options) ?? [],
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = row.GetDateTimeOffset("UpdatedAt") ?? default,
        Version = row.GetInt64("Version") ?? 0,
        Generation = row.GetInt64("Generation") ?? 0,
        LastRunStatus = row.GetString("LastRunStatus") is { } status ? Enum.Parse<RunStatus>(status) : null,
        LastRunAt = row.GetDateTimeOffset("LastRunAt"),
        Completed = row.GetInt64("Completed") ?? 0,
        Failed = row.GetInt64("Failed") ?? 0,
        Terminated = row.GetInt64("Terminated") ?? 0,
        UnhealthySince = row.GetDateTimeOffset("UnhealthySince"),
    };

    private static RunCatalogEntry ToRun(TableEntity row) => new()
    {
        RunId = row.GetString("RunId"),
        JobId = row.GetString("JobId"),
        Type = row.GetString("Type"),
        Status = Enum.Parse<RunStatus>(row.GetString("Status")),
        Attempt = row.GetInt32("Attempt") ?? 0,
        Steps = row.GetInt64("Steps") ?? 0,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        FinishedAt = row.GetDateTimeOffset("FinishedAt"),
        Error = row.GetString("Error"),
    };

    /// <summary>A run's row key: the run id after its job id, escaped.</summary>
    private static string RunRowKey(string jobId, string runId) => StorageKeys.ForTable(runId[(jobId.Length + 1)..]);

    /// <summary>A label key (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>) as a column name: <c>_ . -</c> become <c>_5F _2E _2D</c>.</summary>
    private static string LabelColumn(string key)
    {
        var column = new StringBuilder(LabelColumnPrefix, LabelColumnPrefix.Length + (key.Length * 3));
        foreach (var c in key)
        {
            _ = c switch
            {
                '_' => column.Append("_5F"),
                '.' => column.Append("_2E"),
                '-' => column.Append("_2D"),
                _ => column.Append(c),
            };
        }

        return column.ToString();
    }

    private static string Filter(FormattableString filter) => TableClient.CreateQueryFilter(filter);

    private static void AddIf(List<string> filters, bool condition, Func<string> filter)
    {
        if (condition)
        {
            filters.Add(filter());
        }
    }
}
