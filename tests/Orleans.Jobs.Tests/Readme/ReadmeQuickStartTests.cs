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

    [Fact]
    public async Task ScheduleSnippet_IsAcceptedAndFiresNextAtTheEarliestOfItsSchedules()
    {
        var grains = fixture.Client;
        var jobId = ClusterTestHelpers.NewId("offline-stores");

        var created = await grains.GetGrain<IJobGrain>(jobId).CreateAsync(new JobDefinition
        {
            Id = jobId,
            Type = "offline_store_import",
            Schedules =
            [
                Schedule.Cron("0 0 6 * * ?", timeZone: "Europe/Amsterdam"),
                Schedule.Interval(TimeSpan.FromHours(1), offset: TimeSpan.FromMinutes(15)),
                Schedule.OnCalendar(new CalendarSpec
                {
                    DayOfWeek = CalendarField.Range(DayOfWeek.Monday, DayOfWeek.Friday),
                    Hour = CalendarField.Range(9, 17),
                }),
                Schedule.Once(new DateTimeOffset(2026, 12, 24, 18, 0, 0, TimeSpan.Zero)),
            ],
            EndAt = new DateTimeOffset(2027, 6, 30, 0, 0, 0, TimeSpan.Zero),
            Overlap = OverlapPolicy.BufferOne,
            Misfire = new MisfirePolicy { Action = MisfireAction.CatchUp, MaximumCatchUp = 5 },
        });
        await grains.GetGrain<IJobGrain>(jobId).DeleteAsync();

        // The hourly interval alone fires within the hour, at a quarter past.
        Assert.InRange(created.NextFireAt!.Value - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(1));
        Assert.Contains(created.NextFireAt.Value.Minute, new[] { 0, 15 });
        Assert.Equal(JobLifecycle.Scheduled, created.Status);
    }

    [Fact]
    public void CalendarJsonSnippet_MatchesTheTypedCalendar()
    {
        var parsed = System.Text.Json.JsonSerializer.Deserialize<CalendarSpec>(
            """{"dayOfWeek": {"start": "MONDAY", "end": "FRIDAY"}, "hour": {"start": 9, "end": 17}, "minute": "0"}""", JobJson.Options);

        Assert.Equal(
            new CalendarSpec { DayOfWeek = CalendarField.Range(DayOfWeek.Monday, DayOfWeek.Friday), Hour = CalendarField.Range(9, 17), Minute = CalendarField.Value(0) },
            parsed);
    }
}
