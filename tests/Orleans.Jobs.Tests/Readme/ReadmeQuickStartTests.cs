using Orleans.Jobs.Testing;
using Orleans.Jobs.Tests.Cluster;

namespace Orleans.Jobs.Tests.Readme;

/// <summary>The README's snippets, compiled and exercised.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadmeQuickStartTests(ClusterFixture fixture)
{
    [Fact]
    public async Task QuickStart_CreateTriggerWait_CompletesTheRun()
    {
        var grains = fixture.Client;
        var jobId = ClusterTestHelpers.NewId("nightly-import");

        var job = grains.GetGrain<IJobGrain>(jobId);
        await job.CreateAsync(new JobDefinition
        {
            Id = jobId,
            Type = "page_import",
            Parameters = JobParameters.From(new { pages = 5 }),
            Retry = new RetryPolicy { MaximumAttempts = 3 },
        });
        var run = await job.TriggerAsync(new TriggerRequest { IdempotencyKey = "2026-11-23" });
        var finished = await grains.GetGrain<IRunGrain>(run.RunId).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal(6, finished.Step);
        Assert.Equal(250, fixture.Store.Results.Results[run.RunId].Result!.Value.GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task TestKit_EvictionDuringStepTwo_StillImportsEveryPage()
    {
        var outcome = await new JobTestRunner<PageImportJob> { Parameters = JobParameters.From(new { pages = 3 }) }
            .EvictDuringStep(2)
            .RunAsync();

        Assert.True(outcome.Completed);
        Assert.Equal(150, outcome.ReadState<ImportState>().Imported);
        Assert.Equal(1, outcome.Evictions);
    }
}
