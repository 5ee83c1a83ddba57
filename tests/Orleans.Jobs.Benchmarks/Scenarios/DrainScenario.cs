using Hangfire;
using System.Diagnostics;
using Orleans.Jobs.Benchmarks.Harness;
using Orleans.Jobs.Benchmarks.Systems;
using Quartz;

namespace Orleans.Jobs.Benchmarks.Scenarios;

/// <summary>
/// P1: N no-op one-off jobs due at the same instant. Quartz: N jobs with a fire-now trigger, scheduled in standby,
/// then the scheduler starts. Hangfire: N jobs enqueued with no server, then the server starts. Orleans.Jobs: N jobs
/// created, then all triggered at once (64 trigger calls in flight). Measured from the start signal to the last
/// execution counted inside a job; allocations over the same span (whole process).
/// </summary>
internal sealed class DrainScenario : IScenario
{
    public string Id => "P1";

    public string Title => "P1 drain";

    public IReadOnlyList<string> Systems(BenchmarkContext context) => [SystemNames.Ours, SystemNames.Quartz, SystemNames.Hangfire];

    public async Task RunAsync(string system, BenchmarkContext context, BenchmarkResults results, CancellationToken cancellationToken)
    {
        var count = context.Mode.DrainJobs;
        var (elapsed, allocated) = system switch
        {
            SystemNames.Ours => await OursAsync(count, context.Concurrency, cancellationToken),
            SystemNames.Quartz => await QuartzAsync(count, context.Mode.Workers, cancellationToken),
            _ => await HangfireAsync(count, context.Mode.Workers, cancellationToken),
        };
        results.Check(Title, system, WorkLedger.Executions == count, $"{WorkLedger.Executions} of {count} executions counted");
        results.Add(Title, "executions/s", "/s", system, count / elapsed.TotalSeconds);
        results.Add(Title, "allocated per execution", "B", system, (double)allocated / count, higherIsBetter: false);
    }

    private static async Task<(TimeSpan, long)> OursAsync(int count, int concurrency, CancellationToken cancellationToken)
    {
        await using var host = await OrleansJobsHost.StartAsync(cancellationToken: cancellationToken);
        var ids = Enumerable.Range(0, count).Select(i => $"drain-{i}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (id, _) => await host.Client.Jobs.CreateAsync(new JobDefinition { Id = id, Type = NoopJob.TypeName }, CancellationToken.None));

        return await MeasureAsync(count, () => Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (id, _) => await host.Client.Jobs.TriggerAsync(id, cancellationToken: CancellationToken.None)), cancellationToken);
    }

    private static async Task<(TimeSpan, long)> QuartzAsync(int count, int workers, CancellationToken cancellationToken)
    {
        await using var quartz = await QuartzPeer.CreateAsync(workers, cancellationToken);
        var jobs = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>(count);
        for (var i = 0; i < count; i++)
        {
            jobs[JobBuilder.Create<QuartzPeer.NoopJob>().WithIdentity($"drain-{i}").Build()] = [TriggerBuilder.Create().WithIdentity($"drain-{i}").StartNow().Build()];
        }

        await quartz.Scheduler.ScheduleJobs(jobs, cancellationToken: cancellationToken);
        return await MeasureAsync(count, () => quartz.StartAsync(cancellationToken), cancellationToken);
    }

    private static async Task<(TimeSpan, long)> HangfireAsync(int count, int workers, CancellationToken cancellationToken)
    {
        using var hangfire = HangfirePeer.Create(workers);
        for (var i = 0; i < count; i++)
        {
            hangfire.Client.Enqueue(() => HangfirePeer.Jobs.Noop());
        }

        return await MeasureAsync(count, () =>
        {
            hangfire.Start(TimeSpan.FromSeconds(1));
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Resets the ledger, gives the start signal, waits for every execution: the span and the bytes allocated.</summary>
    private static async Task<(TimeSpan, long)> MeasureAsync(int count, Func<Task> go, CancellationToken cancellationToken)
    {
        WorkLedger.Reset();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        await go();
        await WorkLedger.WaitForExecutionsAsync(count, TimeSpan.FromMinutes(10), cancellationToken);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return (Stopwatch.GetElapsedTime(started, WorkLedger.LastTicks), allocated);
    }
}
