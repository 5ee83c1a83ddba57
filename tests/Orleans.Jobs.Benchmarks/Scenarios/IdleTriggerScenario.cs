using Hangfire;
using System.Diagnostics;
using Orleans.Jobs.Benchmarks.Harness;
using Orleans.Jobs.Benchmarks.Systems;
using Quartz;

namespace Orleans.Jobs.Benchmarks.Scenarios;

/// <summary>
/// P4: one job triggered again and again on an otherwise idle engine, one trigger at a time (the next after the last
/// finished, and 20 ms of quiet): from the trigger call to the job code beginning (Orleans.Jobs: Prepare; Quartz:
/// Execute after TriggerJob; Hangfire: the method after Enqueue).
/// </summary>
internal sealed class IdleTriggerScenario : IScenario
{
    public string Id => "P4";

    public string Title => "P4 idle trigger";

    public IReadOnlyList<string> Systems(BenchmarkContext context) => [SystemNames.Ours, SystemNames.Quartz, SystemNames.Hangfire];

    public async Task RunAsync(string system, BenchmarkContext context, BenchmarkResults results, CancellationToken cancellationToken)
    {
        var count = context.Mode.IdleTriggers;
        WorkLedger.Reset();
        var latencies = new List<double>(count);
        switch (system)
        {
            case SystemNames.Ours:
            {
                await using var host = await OrleansJobsHost.StartAsync(cancellationToken: cancellationToken);
                await host.Client.Jobs.CreateAsync(new JobDefinition { Id = "idle", Type = NoopJob.TypeName }, cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    var at = Stopwatch.GetTimestamp();
                    var run = await host.Client.Jobs.TriggerAsync("idle", new TriggerRequest { IdempotencyKey = $"k{i}" }, cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(at, await WorkLedger.WaitForStartAsync(run.RunId).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken)).TotalMilliseconds);
                    await QuietAsync(i + 1, cancellationToken);
                }

                break;
            }

            case SystemNames.Quartz:
            {
                await using var quartz = await QuartzPeer.CreateAsync(context.Mode.Workers, cancellationToken);
                await quartz.StartAsync(cancellationToken);
                var key = new JobKey("idle");
                await quartz.Scheduler.AddJob(JobBuilder.Create<QuartzPeer.NoopJob>().WithIdentity(key).StoreDurably().Build(), cancellationToken: cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    var at = Stopwatch.GetTimestamp();
                    await quartz.Scheduler.TriggerJob(key, new JobDataMap { ["key"] = $"k{i}" }, cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(at, await WorkLedger.WaitForStartAsync($"k{i}").WaitAsync(TimeSpan.FromSeconds(30), cancellationToken)).TotalMilliseconds);
                    await QuietAsync(i + 1, cancellationToken);
                }

                break;
            }

            default:
            {
                using var hangfire = HangfirePeer.Create(context.Mode.Workers);
                hangfire.Start(TimeSpan.FromSeconds(1));
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    var key = $"k{i}";
                    var at = Stopwatch.GetTimestamp();
                    hangfire.Client.Enqueue(() => HangfirePeer.Jobs.Triggered(key));
                    latencies.Add(Stopwatch.GetElapsedTime(at, await WorkLedger.WaitForStartAsync(key).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken)).TotalMilliseconds);
                    await QuietAsync(i + 1, cancellationToken);
                }

                break;
            }
        }

        results.Check(Title, system, latencies.Count == count, $"{latencies.Count} of {count} triggers began");
        results.Add(Title, "trigger → start p50", "ms", system, Percentiles.Of(latencies, 50), higherIsBetter: false);
        results.Add(Title, "trigger → start p99", "ms", system, Percentiles.Of(latencies, 99), higherIsBetter: false);
    }

    private static async Task QuietAsync(int executions, CancellationToken cancellationToken)
    {
        await WorkLedger.WaitForExecutionsAsync(executions, TimeSpan.FromSeconds(30), cancellationToken);
        await Task.Delay(20, cancellationToken);
    }
}
