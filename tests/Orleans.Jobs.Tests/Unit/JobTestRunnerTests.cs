using Microsoft.Extensions.DependencyInjection;

using Orleans.Jobs.Testing;

namespace Orleans.Jobs.Tests.Unit;

public sealed class JobTestRunnerTests
{
    public sealed class PagesState
    {
        public int Page { get; set; }

        public int Imported { get; set; }
    }

    /// <summary>Imports pages of 4 records through a batcher of 3, sleeping a minute between pages.</summary>
    public sealed class PagedImportJob(List<int> warehouse) : Job<PagesState>
    {
        private Batcher<int>? _batcher;

        public override Task<JobStatus<PagesState>> PrepareAsync(JobParameters parameters, JobStatus<PagesState>? resumeFrom, CancellationToken cancellationToken)
        {
            _batcher = Context.CreateBatcher<int>(3, (items, _) => { warehouse.AddRange(items); return Task.CompletedTask; });
            return Task.FromResult(resumeFrom ?? JobStatus.Start(new PagesState()));
        }

        public override async Task<JobStatus<PagesState>> PerformAsync(JobStatus<PagesState> status, CancellationToken cancellationToken)
        {
            var pages = Context.Parameters.Get("pages", 3);
            if (status.State.Page == pages)
            {
                return status.Complete(new { status.State.Imported });
            }

            for (var i = 0; i < 4; i++)
            {
                await _batcher!.AppendAsync((status.State.Page * 4) + i, cancellationToken);
            }

            status.State.Page++;
            status.State.Imported += 4;
            return status.Sleep(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task Run_FlushesBatcherBeforeEveryCheckpoint()
    {
        var warehouse = new List<int>();
        var runner = new JobTestRunner<PagedImportJob>(s => s.AddSingleton(warehouse)) { Parameters = JobParameters.From(new { pages = 3 }) };

        var outcome = await runner.RunAsync();

        Assert.True(outcome.Completed);
        Assert.Equal(4, outcome.Steps);
        Assert.Equal(Enumerable.Range(0, 12), warehouse);
        Assert.Equal(12, outcome.Result!.Value.GetProperty("imported").GetInt32());
        Assert.Equal(12, outcome.ReadState<PagesState>().Imported);
    }

    [Fact]
    public async Task Run_SleepsAdvanceTheFakeClock()
    {
        var runner = new JobTestRunner<PagedImportJob>(s => s.AddSingleton(new List<int>())) { Parameters = JobParameters.From(new { pages = 3 }) };
        var start = runner.Time.GetUtcNow();

        await runner.RunAsync();

        Assert.Equal(TimeSpan.FromMinutes(3), runner.Time.GetUtcNow() - start);
    }

    [Fact]
    public async Task EvictDuringStep_RepeatsOnlyThatStepAfterResumingFromCheckpoint()
    {
        var warehouse = new List<int>();
        var runner = new JobTestRunner<PagedImportJob>(s => s.AddSingleton(warehouse)) { Parameters = JobParameters.From(new { pages = 3 }) }
            .EvictDuringStep(2);

        var outcome = await runner.RunAsync();

        Assert.True(outcome.Completed);
        Assert.Equal(1, outcome.Evictions);
        Assert.Equal(2, outcome.Prepares);
        Assert.Equal(4, outcome.Steps);
        Assert.Equal(5, outcome.PerformCalls);
        // Page 2 (records 4–7) was imported by the evicted step and again after the resume; nothing was lost.
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 4, 5, 6, 7, 8, 9, 10, 11], warehouse);
        Assert.Equal(12, outcome.ReadState<PagesState>().Imported);
    }

    /// <summary>Waits an hour of fake time inside each of two steps, as a job polling a slow upstream would.</summary>
    public sealed class SlowPollJob : Job<PagesState>
    {
        public override Task<JobStatus<PagesState>> PrepareAsync(JobParameters parameters, JobStatus<PagesState>? resumeFrom, CancellationToken cancellationToken) =>
            Task.FromResult(resumeFrom ?? JobStatus.Start(new PagesState()));

        public override async Task<JobStatus<PagesState>> PerformAsync(JobStatus<PagesState> status, CancellationToken cancellationToken)
        {
            if (status.State.Page == 2)
            {
                return status.Complete(new { at = Context.Time.GetUtcNow() });
            }

            await Task.Delay(TimeSpan.FromHours(1), Context.Time, cancellationToken);
            status.State.Page++;
            return status;
        }
    }

    [Fact]
    public async Task Run_StepWaitingOnFakeClockTimer_MovesTheClockInsteadOfHanging()
    {
        var runner = new JobTestRunner<SlowPollJob>();
        var start = runner.Time.GetUtcNow();

        var outcome = await runner.RunAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(outcome.Completed);
        Assert.Equal(start + TimeSpan.FromHours(2), outcome.Result!.Value.GetProperty("at").GetDateTimeOffset());
        Assert.Null(runner.Time.NextTimerDue);
    }
}
