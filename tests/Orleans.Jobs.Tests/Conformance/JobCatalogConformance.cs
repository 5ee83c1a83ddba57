using Orleans.Jobs.Catalog;

namespace Orleans.Jobs.Tests.Conformance;

/// <summary>
/// The catalog contract every backend keeps: upserts replace, deletes remove, filters combine (status, type, labels,
/// half-open creation range), runs are found by job and status, and paging with a continuation returns every match
/// exactly once; a limit out of range is refused naming the field.
/// </summary>
public abstract class JobCatalogConformance
{
    private static readonly DateTimeOffset _t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An empty catalog, ready to use.</summary>
    protected abstract Task<IJobCatalog> CatalogAsync();

    private static async Task SeedJobsAsync(IJobCatalog catalog)
    {
        for (var i = 0; i < 10; i++)
        {
            await catalog.UpsertJobAsync(new JobCatalogEntry
            {
                JobId = $"job-{i:00}",
                Type = i % 2 == 0 ? "import" : "export",
                Status = i < 3 ? JobLifecycle.Running : JobLifecycle.Scheduled,
                Labels = new Dictionary<string, string> { ["env"] = i < 5 ? "prod" : "dev", ["product.line"] = "shop" },
                CreatedAt = _t0.AddHours(i),
            }, CancellationToken.None);
        }
    }

    private static RunCatalogEntry Run(string jobId, int n, RunStatus status = RunStatus.Completed) => new()
    {
        RunId = JobIds.RunId(jobId, 1, JobIds.ScheduledOccurrence(_t0.AddMinutes(n))),
        JobId = jobId,
        Type = "import",
        Status = status,
        Attempt = 1,
        Steps = n,
        CreatedAt = _t0.AddMinutes(n),
        FinishedAt = _t0.AddMinutes(n + 1),
    };

    private static async Task<List<T>> AllPagesAsync<T>(Func<string?, Task<CatalogPage<T>>> page)
    {
        var items = new List<T>();
        string? continuation = null;
        do
        {
            var next = await page(continuation);
            items.AddRange(next.Items);
            continuation = next.Continuation;
        }
        while (continuation is not null);
        return items;
    }

    [Fact]
    public async Task QueryJobs_CombinesFilters()
    {
        var catalog = await CatalogAsync();
        await SeedJobsAsync(catalog);

        var page = await catalog.QueryJobsAsync(new JobCatalogQuery
        {
            Status = JobLifecycle.Scheduled,
            Type = "import",
            Labels = new Dictionary<string, string> { ["env"] = "prod", ["product.line"] = "shop" },
        }, CancellationToken.None);

        var job = Assert.Single(page.Items);
        Assert.Equal("job-04", job.JobId);
        Assert.Equal("shop", job.Labels["product.line"]);
        Assert.Null(page.Continuation);
    }

    [Fact]
    public async Task QueryJobs_PagesWithContinuationWithoutGapsOrRepeats()
    {
        var catalog = await CatalogAsync();
        await SeedJobsAsync(catalog);
        var pages = 0;

        var seen = await AllPagesAsync(async continuation =>
        {
            pages++;
            return await catalog.QueryJobsAsync(new JobCatalogQuery { Limit = 3, Continuation = continuation }, CancellationToken.None);
        });

        Assert.Equal(4, pages);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"job-{i:00}"), seen.Select(j => j.JobId));
    }

    [Fact]
    public async Task QueryJobs_ByCreatedRange_IsHalfOpen()
    {
        var catalog = await CatalogAsync();
        await SeedJobsAsync(catalog);

        var page = await catalog.QueryJobsAsync(new JobCatalogQuery { CreatedFrom = _t0.AddHours(2), CreatedTo = _t0.AddHours(5) }, CancellationToken.None);

        Assert.Equal(["job-02", "job-03", "job-04"], page.Items.Select(j => j.JobId));
    }

    [Fact]
    public async Task UpsertJob_Replaces_AndDeleteRemoves()
    {
        var catalog = await CatalogAsync();
        await SeedJobsAsync(catalog);
        await catalog.UpsertJobAsync(new JobCatalogEntry { JobId = "job-01", Type = "import", Status = JobLifecycle.Paused, Version = 2, Completed = 7, Failed = 2, Terminated = 1, UnhealthySince = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero) }, CancellationToken.None);
        await catalog.DeleteJobAsync("job-02", CancellationToken.None);
        await catalog.DeleteJobAsync("never-there", CancellationToken.None);

        var jobs = (await catalog.QueryJobsAsync(new JobCatalogQuery(), CancellationToken.None)).Items;

        Assert.Equal(9, jobs.Count);
        Assert.DoesNotContain(jobs, j => j.JobId == "job-02");
        var replaced = Assert.Single(jobs, j => j.JobId == "job-01");
        Assert.Equal((JobLifecycle.Paused, 2L, 0), (replaced.Status, replaced.Version, replaced.Labels.Count));
        Assert.Equal((7L, 2L, 1L), (replaced.Completed, replaced.Failed, replaced.Terminated));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), replaced.UnhealthySince);
    }

    [Fact]
    public async Task QueryRuns_ByJobAndStatus_AndPagesAcrossJobs()
    {
        var catalog = await CatalogAsync();
        foreach (var job in new[] { "alpha", "alpha.beta", "gamma" })
        {
            for (var n = 0; n < 4; n++)
            {
                await catalog.UpsertRunAsync(Run(job, n, n == 3 ? RunStatus.Failed : RunStatus.Completed), CancellationToken.None);
            }
        }

        await catalog.UpsertRunAsync(Run("alpha", 0) with { Status = RunStatus.Terminated, Error = "stopped" }, CancellationToken.None);

        var alpha = (await catalog.QueryRunsAsync(new RunCatalogQuery { JobId = "alpha" }, CancellationToken.None)).Items;
        var failed = (await catalog.QueryRunsAsync(new RunCatalogQuery { Status = RunStatus.Failed }, CancellationToken.None)).Items;
        var all = await AllPagesAsync(c => catalog.QueryRunsAsync(new RunCatalogQuery { Limit = 5, Continuation = c }, CancellationToken.None));
        var alphaPaged = await AllPagesAsync(c => catalog.QueryRunsAsync(new RunCatalogQuery { JobId = "alpha", Limit = 3, Continuation = c }, CancellationToken.None));

        Assert.Equal(4, alpha.Count);
        Assert.All(alpha, r => Assert.Equal("alpha", r.JobId));
        Assert.Equal("stopped", Assert.Single(alpha, r => r.Status == RunStatus.Terminated).Error);
        Assert.Equal(["alpha", "alpha.beta", "gamma"], failed.Select(r => r.JobId).Order(StringComparer.Ordinal));
        Assert.Equal(12, all.Count);
        Assert.Equal(12, all.Select(r => r.RunId).Distinct().Count());
        Assert.Equal(alpha.Select(r => r.RunId).Order(StringComparer.Ordinal), alphaPaged.Select(r => r.RunId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Query_LimitOutOfRange_NamesTheField()
    {
        var catalog = await CatalogAsync();

        var runs = await Assert.ThrowsAsync<JobValidationException>(() => catalog.QueryRunsAsync(new RunCatalogQuery { Limit = 0 }, CancellationToken.None));
        var jobs = await Assert.ThrowsAsync<JobValidationException>(() => catalog.QueryJobsAsync(new JobCatalogQuery { Limit = 1001 }, CancellationToken.None));

        Assert.Equal(("limit", "limit"), (runs.Field, jobs.Field));
    }
}
