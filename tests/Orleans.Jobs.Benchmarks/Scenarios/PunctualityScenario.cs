using Hangfire;
using Orleans.Jobs.Benchmarks.Harness;
using Orleans.Jobs.Benchmarks.Systems;
using Quartz;

namespace Orleans.Jobs.Benchmarks.Scenarios;

/// <summary>
/// P3: 100 jobs firing every second. Lateness is from a fire's scheduled time to its job code beginning (Prepare,
/// Execute or the job method), as each scheduler reports the scheduled time. Counted over a window that starts after
/// every job is registered: a missed fire is a scheduled second of a job with no execution, a duplicate a second with
/// more than one. Hangfire's recurring jobs use a six-field cron with seconds and a schedule poll of 200 ms (its default
/// is 15 s, which could not fire every second).
/// </summary>
internal sealed class PunctualityScenario : IScenario
{
    private static readonly TimeSpan _hangfirePolling = TimeSpan.FromMilliseconds(200);

    public string Id => "P3";

    public string Title => "P3 punctuality";

    public IReadOnlyList<string> Systems(BenchmarkContext context) => [SystemNames.Ours, SystemNames.Quartz, SystemNames.Hangfire];

    public async Task RunAsync(string system, BenchmarkContext context, BenchmarkResults results, CancellationToken cancellationToken)
    {
        var jobs = Enumerable.Range(0, context.Mode.PunctualJobs).Select(i => $"punctual-{i}").ToList();
        var span = context.Mode.PunctualFor;
        WorkLedger.Reset();
        DateTimeOffset from;
        switch (system)
        {
            case SystemNames.Ours:
            {
                await using var host = await OrleansJobsHost.StartAsync(cancellationToken: cancellationToken);
                var end = WholeSecond(DateTimeOffset.UtcNow) + span + TimeSpan.FromSeconds(30);
                await Parallel.ForEachAsync(jobs, cancellationToken, async (id, _) => await host.Client.Jobs.CreateAsync(
                    new JobDefinition { Id = id, Type = NoopJob.TypeName, Schedules = [Schedule.Interval(TimeSpan.FromSeconds(1))], EndAt = end }, CancellationToken.None));
                from = await WaitOutAsync(span, cancellationToken);
                break;
            }

            case SystemNames.Quartz:
            {
                await using var quartz = await QuartzPeer.CreateAsync(context.Mode.Workers, cancellationToken);
                await quartz.StartAsync(cancellationToken);
                var first = WholeSecond(DateTimeOffset.UtcNow) + TimeSpan.FromSeconds(1);
                foreach (var id in jobs)
                {
                    var job = JobBuilder.Create<QuartzPeer.NoopJob>().WithIdentity(id).UsingJobData("punctual", true).Build();
                    var trigger = TriggerBuilder.Create().WithIdentity(id).StartAt(first)
                        .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).RepeatForever()).Build();
                    await quartz.Scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
                }

                from = await WaitOutAsync(span, cancellationToken);
                break;
            }

            default:
            {
                using var hangfire = HangfirePeer.Create(context.Mode.Workers);
                foreach (var id in jobs)
                {
                    hangfire.Recurring.AddOrUpdate(id, () => HangfirePeer.Jobs.Fired(id, null), "* * * * * *");
                }

                hangfire.Start(_hangfirePolling);
                from = await WaitOutAsync(span, cancellationToken);
                break;
            }
        }

        var to = from + span;
        var fires = WorkLedger.Fires.Where(f => f.Occurrence >= from && f.Occurrence < to).ToList();
        var expected = jobs.Count * (int)span.TotalSeconds;
        var distinct = fires.Select(f => (f.Job, f.Occurrence)).Distinct().Count();
        var lateness = fires.Select(f => f.LatenessMs).ToList();
        results.Check(Title, system, distinct > expected / 2, $"{distinct} of {expected} fires seen in the window");
        results.Add(Title, "lateness p50", "ms", system, Percentiles.Of(lateness, 50), higherIsBetter: false);
        results.Add(Title, "lateness p99", "ms", system, Percentiles.Of(lateness, 99), higherIsBetter: false);
        results.Add(Title, "lateness max", "ms", system, lateness.Count == 0 ? double.NaN : lateness.Max(), higherIsBetter: false);
        results.Add(Title, "missed fires", "", system, expected - distinct, higherIsBetter: false);
        results.Add(Title, "duplicate fires", "", system, fires.Count - distinct, higherIsBetter: false);
    }

    /// <summary>Waits for the window (from the second whole second after now) to pass, plus stragglers; returns its start.</summary>
    private static async Task<DateTimeOffset> WaitOutAsync(TimeSpan span, CancellationToken cancellationToken)
    {
        var from = WholeSecond(DateTimeOffset.UtcNow) + TimeSpan.FromSeconds(2);
        var until = from + span + TimeSpan.FromSeconds(2);
        await Task.Delay(until - DateTimeOffset.UtcNow, cancellationToken);
        return from;
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
