using Orleans.Jobs.Catalog;

namespace Orleans.Jobs.Tests.Unit;

public sealed class InMemoryJobCatalogTests
{
    private static readonly DateTimeOffset _t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly InMemoryJobCatalog _catalog = new();

    private async Task SeedAsync()
    {
        for (var i = 0; i < 10; i++)
        {
            await _catalog.UpsertJobAsync(new JobCatalogEntry
            {
                JobId = $"job-{i:00}",
                Type = i % 2 == 0 ? "import" : "export",
                Status = i < 3 ? JobLifecycle.Running : JobLifecycle.Scheduled,
                Labels = new Dictionary<string, string> { ["env"] = i < 5 ? "prod" : "dev", ["product"] = "shop" },
                CreatedAt = _t0.AddHours(i),
            }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task QueryJobs_CombinesFilters()
    {
        await SeedAsync();
        var page = await _catalog.QueryJobsAsync(new JobCatalogQuery
        {
            Status = JobLifecycle.Scheduled,
            Type = "import",
            Labels = new Dictionary<string, string> { ["env"] = "prod" },
        }, CancellationToken.None);

        Assert.Equal(["job-04"], page.Items.Select(j => j.JobId));
        Assert.Null(page.Continuation);
    }

    [Fact]
    public async Task QueryJobs_PagesWithContinuationWithoutGapsOrRepeats()
    {
        await SeedAsync();
        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await _catalog.QueryJobsAsync(new JobCatalogQuery { Limit = 3, Continuation = continuation }, CancellationToken.None);
            seen.AddRange(page.Items.Select(j => j.JobId));
            continuation = page.Continuation;
            pages++;
        }
        while (continuation is not null);

        Assert.Equal(4, pages);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"job-{i:00}"), seen);
    }

    [Fact]
    public async Task QueryJobs_ByCreatedRange_IsHalfOpen()
    {
        await SeedAsync();
        var page = await _catalog.QueryJobsAsync(new JobCatalogQuery { CreatedFrom = _t0.AddHours(2), CreatedTo = _t0.AddHours(5) }, CancellationToken.None);
        Assert.Equal(["job-02", "job-03", "job-04"], page.Items.Select(j => j.JobId));
    }

    [Fact]
    public async Task Query_LimitOutOfRange_NamesTheField()
    {
        var error = await Assert.ThrowsAsync<JobValidationException>(() => _catalog.QueryRunsAsync(new RunCatalogQuery { Limit = 0 }, CancellationToken.None));
        Assert.Equal("limit", error.Field);
    }
}
