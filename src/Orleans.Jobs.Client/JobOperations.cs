namespace Orleans.Jobs.Client;

/// <summary>Jobs: their definitions, schedules and lifecycle.</summary>
public sealed class JobOperations(IGrainFactory grains)
{
    /// <summary>Creates a job; creating it again with the same definition returns the stored job.</summary>
    public Task<JobSnapshot> CreateAsync(JobDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        JobDefinitionRules.Validate(definition);
        return Job(definition.Id).CreateAsync(definition).WaitAsync(cancellationToken);
    }

    /// <summary>Replaces a job's definition if it is still at <paramref name="expectedVersion"/>.</summary>
    public Task<JobSnapshot> UpdateAsync(JobDefinition definition, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        JobDefinitionRules.Validate(definition);
        return Job(definition.Id).UpdateAsync(definition, expectedVersion).WaitAsync(cancellationToken);
    }

    /// <summary>The job, with its status, next fire and last run.</summary>
    public Task<JobSnapshot> GetAsync(string jobId, CancellationToken cancellationToken = default) =>
        Job(jobId).GetAsync().WaitAsync(cancellationToken);

    /// <summary>One page of jobs matching <paramref name="query"/> (status, type, labels, creation range).</summary>
    public Task<CatalogPage<JobCatalogEntry>> ListAsync(JobCatalogQuery? query = null, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IJobQueryGrain>(0).QueryJobsAsync(query ?? new JobCatalogQuery()).WaitAsync(cancellationToken);

    /// <summary>
    /// Runs the job's past occurrences in [from, to] that have no run, at most <see cref="BackfillRequest.MaxConcurrency"/>
    /// at a time, oldest first; with <see cref="BackfillRequest.DryRun"/> only reports what it would queue. Progress is
    /// on <see cref="JobSnapshot.Backfill"/>.
    /// </summary>
    public Task<BackfillResult> BackfillAsync(string jobId, BackfillRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Job(jobId).BackfillAsync(request).WaitAsync(cancellationToken);
    }

    /// <summary>Every job matching <paramref name="query"/>, page after page.</summary>
    public async IAsyncEnumerable<JobCatalogEntry> ListAllAsync(JobCatalogQuery? query = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = query ?? new JobCatalogQuery();
        while (true)
        {
            var page = await ListAsync(next, cancellationToken).ConfigureAwait(false);
            foreach (var job in page.Items)
            {
                yield return job;
            }

            if (page.Continuation is null)
            {
                yield break;
            }

            next = next with { Continuation = page.Continuation, Offset = 0 };
        }
    }

    /// <summary>Starts a run now; the same <see cref="TriggerRequest.IdempotencyKey"/> finds the run already started. Refused while paused.</summary>
    public Task<RunSnapshot> TriggerAsync(string jobId, TriggerRequest? request = null, CancellationToken cancellationToken = default) =>
        Job(jobId).TriggerAsync(request ?? new TriggerRequest()).WaitAsync(cancellationToken);

    /// <summary>Pauses the job: its schedule fires nothing and its active runs take no new step until resumed.</summary>
    public Task<JobSnapshot> PauseAsync(string jobId, CancellationToken cancellationToken = default) =>
        Job(jobId).PauseAsync().WaitAsync(cancellationToken);

    /// <summary>Resumes the job and its runs; fires missed meanwhile follow its misfire policy.</summary>
    public Task<JobSnapshot> ResumeAsync(string jobId, CancellationToken cancellationToken = default) =>
        Job(jobId).ResumeAsync().WaitAsync(cancellationToken);

    /// <summary>
    /// Cancels the job with a reason kept on the job, in its activity log and on its terminated runs: active runs are
    /// terminated, the schedule stops, and the job refuses triggers until rescheduled.
    /// </summary>
    public Task<JobSnapshot> CancelAsync(string jobId, string reason, CancellationToken cancellationToken = default)
    {
        JobDefinitionRules.ValidateReason(reason);
        return Job(jobId).CancelAsync(reason).WaitAsync(cancellationToken);
    }

    /// <summary>Gives the job new timing (start, cron and time zone, interval, calendars, end, limit); lifts a cancel.</summary>
    public Task<JobSnapshot> RescheduleAsync(string jobId, RescheduleRequest request, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        JobDefinitionRules.ValidateReschedule(request);
        return Job(jobId).RescheduleAsync(request, expectedVersion).WaitAsync(cancellationToken);
    }

    /// <summary>Retries the job's failed last run now or after <paramref name="delay"/>: one more attempt, same run id.</summary>
    public Task<RunSnapshot> RetryAsync(string jobId, TimeSpan delay = default, CancellationToken cancellationToken = default) =>
        Job(jobId).RetryAsync(delay).WaitAsync(cancellationToken);

    /// <summary>
    /// Applies <paramref name="action"/> to every job matching <paramref name="filter"/> it applies to; with
    /// <paramref name="dryRun"/> only reports which it would touch. Returns the jobs affected and any failures.
    /// </summary>
    public Task<BulkResult> BulkAsync(BulkAction action, JobCatalogQuery filter, bool dryRun = false, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        JobDefinitionRules.ValidateReason(reason);
        return grains.GetGrain<IJobBulkGrain>(0).BulkAsync(action, filter, dryRun, reason).WaitAsync(cancellationToken);
    }

    /// <summary>Deletes the job, terminating its active runs; the id may be created again (a new generation).</summary>
    public Task DeleteAsync(string jobId, CancellationToken cancellationToken = default) =>
        Job(jobId).DeleteAsync().WaitAsync(cancellationToken);

    private IJobGrain Job(string jobId)
    {
        JobIds.Validate(jobId);
        return grains.Reference<IJobGrain>(jobId);
    }
}
