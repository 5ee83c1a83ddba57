using Hangfire;
using System.Diagnostics;
using Orleans.Jobs.Benchmarks.Harness;
using Orleans.Jobs.Benchmarks.Systems;
using Orleans.Jobs.Storage;
using Quartz;

namespace Orleans.Jobs.Benchmarks.Scenarios;

/// <summary>
/// P5: N jobs scheduled a week ahead. Registrations/s (Orleans.Jobs: 64 creates in flight; the peers register in a
/// loop, as their APIs are synchronous or in-memory). Memory per idle job: the managed heap after a full collection,
/// once registration is done and idle job activations have been released, less the heap before; for Orleans.Jobs this
/// includes the in-memory store's copy of each job's state (in a deployment that is in Azure Storage). Then, for
/// Orleans.Jobs only (the peers' in-memory stores do not survive a restart): a job firing every second is added, the
/// silo is stopped and a new one started on the same store, and the time from the start to that job's first fire is
/// measured with the default options (reminders tick every KeepAlivePeriod, 1 min).
/// </summary>
internal sealed class PopulationScenario : IScenario
{
    public string Id => "P5";

    public string Title => "P5 population";

    public IReadOnlyList<string> Systems(BenchmarkContext context) => [SystemNames.Ours, SystemNames.Quartz, SystemNames.Hangfire];

    public async Task RunAsync(string system, BenchmarkContext context, BenchmarkResults results, CancellationToken cancellationToken)
    {
        var count = context.Mode.PopulationJobs;
        var at = DateTimeOffset.UtcNow.AddDays(7);
        WorkLedger.Reset();
        switch (system)
        {
            case SystemNames.Ours:
            {
                var store = new InMemoryJobsStore();
                var host = await OrleansJobsHost.StartAsync(store: store, cancellationToken: cancellationToken);
                try
                {
                    var before = Heap();
                    var clock = Stopwatch.StartNew();
                    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = context.Concurrency, CancellationToken = cancellationToken },
                        async (i, _) => await host.Client.Jobs.CreateAsync(new JobDefinition { Id = $"future-{i}", Type = NoopJob.TypeName, Schedules = [Schedule.Once(at)] }, CancellationToken.None));
                    Report(results, system, count, clock.Elapsed, before);

                    await host.Client.Jobs.CreateAsync(new JobDefinition { Id = "probe", Type = NoopJob.TypeName, Schedules = [Schedule.Interval(TimeSpan.FromSeconds(1))] }, cancellationToken);
                    await WaitForFireAsync(TimeSpan.FromSeconds(30), cancellationToken);
                    await host.DisposeAsync();
                    WorkLedger.Reset();
                    var restart = Stopwatch.StartNew();
                    host = await OrleansJobsHost.StartAsync(store: store, cancellationToken: cancellationToken);
                    await WaitForFireAsync(TimeSpan.FromMinutes(3), cancellationToken);
                    results.Add(Title, "silo restart → first fire", "s", system, restart.Elapsed.TotalSeconds, higherIsBetter: false);
                }
                finally
                {
                    await host.DisposeAsync();
                }

                break;
            }

            case SystemNames.Quartz:
            {
                await using var quartz = await QuartzPeer.CreateAsync(context.Mode.Workers, cancellationToken);
                await quartz.StartAsync(cancellationToken);
                var before = Heap();
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < count; i++)
                {
                    await quartz.Scheduler.ScheduleJob(
                        JobBuilder.Create<QuartzPeer.NoopJob>().WithIdentity($"future-{i}").Build(),
                        TriggerBuilder.Create().WithIdentity($"future-{i}").StartAt(at).Build(), cancellationToken: cancellationToken);
                }

                Report(results, system, count, clock.Elapsed, before);
                results.Check(Title, system, (await quartz.Scheduler.QueryJobs(new JobQuery { Take = 1, IncludeTotalCount = true }, cancellationToken)).TotalCount == count, "not every job was registered");
                break;
            }

            default:
            {
                using var hangfire = HangfirePeer.Create(context.Mode.Workers);
                hangfire.Start(TimeSpan.FromSeconds(15));
                var before = Heap();
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < count; i++)
                {
                    hangfire.Client.Schedule(() => HangfirePeer.Jobs.Noop(), at);
                }

                Report(results, system, count, clock.Elapsed, before);
                results.Check(Title, system, hangfire.Storage.GetMonitoringApi().ScheduledCount() == count, "not every job was registered");
                break;
            }
        }
    }

    private void Report(BenchmarkResults results, string system, int count, TimeSpan elapsed, long heapBefore)
    {
        results.Add(Title, "registrations/s", "/s", system, count / elapsed.TotalSeconds);
        Thread.Sleep(TimeSpan.FromSeconds(2)); // idle activations are released
        results.Add(Title, "memory per idle job", "B", system, (double)(Heap() - heapBefore) / count, higherIsBetter: false);
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task WaitForFireAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!WorkLedger.Fires.Any(f => f.Job == "probe"))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The probe job did not fire within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
