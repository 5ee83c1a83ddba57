using Orleans.Concurrency;
using Orleans.Jobs.Catalog;

namespace Orleans.Jobs.Scheduling;

/// <summary>Applies one action to every job a catalog filter matches; holds no state.</summary>
[StatelessWorker]
internal sealed class JobBulkGrain(IJobCatalog catalog) : Grain, IJobBulkGrain
{
    public async Task<BulkResult> BulkAsync(BulkAction action, JobCatalogQuery filter, bool dryRun, string? reason)
    {
        ArgumentNullException.ThrowIfNull(filter);
        JobDefinitionRules.ValidateReason(reason);
        if (!Enum.IsDefined(action))
        {
            throw new JobValidationException("action", $"unknown bulk action {action}.");
        }

        if (action == BulkAction.Cancel && string.IsNullOrWhiteSpace(reason))
        {
            throw new JobValidationException("reason", "a bulk cancel needs a reason.");
        }

        if (action is BulkAction.Cancel or BulkAction.Delete && IsEverything(filter))
        {
            throw new JobValidationException("filter", $"a bulk {action.ToString().ToLowerInvariant()} needs a filter (status, type, labels or creation range); it would touch every job.");
        }

        var matched = await CatalogScan.AllJobsAsync(catalog, filter);
        var targets = matched.Where(job => Applies(action, job)).Select(job => job.JobId).ToList();
        if (dryRun)
        {
            return new BulkResult { DryRun = true, Matched = matched.Count, Affected = targets };
        }

        var affected = new List<string>();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var jobId in targets)
        {
            try
            {
                await ApplyAsync(action, GrainFactory.GetGrain<IJobGrain>(jobId), reason);
                affected.Add(jobId);
            }
            catch (JobsException exception)
            {
                failures[jobId] = exception.Message;
            }
        }

        return new BulkResult { Matched = matched.Count, Affected = affected, Failures = failures };
    }

    private static bool IsEverything(JobCatalogQuery filter) =>
        filter.Status is null && filter.Type is null && filter.Labels.Count == 0 && filter.CreatedFrom is null && filter.CreatedTo is null;

    private static bool Applies(BulkAction action, JobCatalogEntry job) => action switch
    {
        BulkAction.Pause => job.Status is not (JobLifecycle.Paused or JobLifecycle.Cancelled),
        BulkAction.Resume => job.Status == JobLifecycle.Paused,
        BulkAction.Cancel => job.Status != JobLifecycle.Cancelled,
        BulkAction.Retry => job.LastRunStatus == RunStatus.Failed && job.Status is not (JobLifecycle.Paused or JobLifecycle.Cancelled),
        _ => true,
    };

    private static Task ApplyAsync(BulkAction action, IJobGrain job, string? reason) => action switch
    {
        BulkAction.Pause => job.PauseAsync(),
        BulkAction.Resume => job.ResumeAsync(),
        BulkAction.Cancel => job.CancelAsync(reason!),
        BulkAction.Retry => job.RetryAsync(TimeSpan.Zero),
        _ => job.DeleteAsync(),
    };
}
