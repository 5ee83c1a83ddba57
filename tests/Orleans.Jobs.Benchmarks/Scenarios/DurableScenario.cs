using System.Diagnostics;
using Hangfire;
using Orleans.Jobs.Benchmarks.Harness;
using Orleans.Jobs.Benchmarks.Systems;
using Quartz;

namespace Orleans.Jobs.Benchmarks.Scenarios;

/// <summary>
/// P2: durable runs of one Prepare and two Performs, each step checkpointed to Azurite (grain state blobs, Table
/// reminders, result blob, run log, catalog rows: every request the Azure SDK sends is counted). N jobs are created,
/// then each triggered once, 16 triggers in flight. Run time: from the trigger call to the completing Perform.
/// Full mode adds two peers on PostgreSQL (a server the harness starts), also 16 runs registered at a time, 10 workers:
/// Quartz.NET's AdoJobStore (it provisions its own schema), each run one job fired three times by one trigger, never
/// concurrently, its job data stored after every execution; and Hangfire.PostgreSql (it makes its own schema), each
/// run a chain of three background jobs (Prepare, then two Performs as continuations), so each step's outcome is
/// stored before the next starts. Both run a job at least once, so a step run twice is counted as a duplicate. Their
/// storage writes are PostgreSQL's row writes (inserted + updated + deleted tuples, from pg_stat_database).
/// </summary>
internal sealed class DurableScenario : IScenario
{
    /// <summary>Runs registered (triggered, enqueued, scheduled) at a time, the same for every system.</summary>
    private const int InFlight = 16;

    public string Id => "P2";

    public string Title => "P2 durable";

    public IReadOnlyList<string> Systems(BenchmarkContext context) =>
        context.Mode.WarmUp ? [SystemNames.Ours, SystemNames.QuartzPostgres, SystemNames.HangfirePostgres] : [SystemNames.Ours];

    public async Task RunAsync(string system, BenchmarkContext context, BenchmarkResults results, CancellationToken cancellationToken)
    {
        if (system == SystemNames.HangfirePostgres)
        {
            await HangfireAsync(context, results, cancellationToken);
            return;
        }

        if (system == SystemNames.QuartzPostgres)
        {
            await QuartzAsync(context, results, cancellationToken);
            return;
        }

        var count = context.Mode.DurableRuns;
        var counter = new StorageRequestCounter();
        var prefix = $"p2{Guid.NewGuid():N}"[..10];
        await using var azurite = await context.StartAzuriteAsync(cancellationToken);
        await using var host = await OrleansJobsHost.StartAsync(azurite.ConnectionString, counter, prefix: prefix, cancellationToken: cancellationToken);
        var ids = Enumerable.Range(0, count).Select(i => $"durable-{i}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
            async (id, _) => await host.Client.Jobs.CreateAsync(new JobDefinition { Id = id, Type = ThreeStepJob.TypeName }, CancellationToken.None));

        WorkLedger.Reset();
        var triggeredAt = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var (writesBefore, readsBefore) = (counter.Writes, counter.Reads);
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (id, _) =>
        {
            var at = Stopwatch.GetTimestamp();
            var run = await host.Client.Jobs.TriggerAsync(id, cancellationToken: CancellationToken.None);
            triggeredAt[run.RunId] = at;
        });
        await WorkLedger.WaitForExecutionsAsync(count, TimeSpan.FromMinutes(10), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started, WorkLedger.LastTicks);

        // Requests after the last Perform (the final checkpoint, the catalog, the job's history) belong to the runs too.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var runTimes = triggeredAt.Select(t => Stopwatch.GetElapsedTime(t.Value, WorkLedger.Finishes[t.Key]).TotalMilliseconds).ToList();
        results.Check(Title, system, WorkLedger.Executions == count && runTimes.Count == count, $"{WorkLedger.Executions} of {count} runs completed");
        results.Add(Title, "runs/s", "/s", system, count / elapsed.TotalSeconds);
        results.Add(Title, "duplicate executions", "", system, WorkLedger.Executions - count, higherIsBetter: false);
        results.Add(Title, "storage writes per run", "", system, (double)(counter.Writes - writesBefore) / count, higherIsBetter: false);
        results.Add(Title, "storage reads per run", "", system, (double)(counter.Reads - readsBefore) / count, higherIsBetter: false);
        results.Add(Title, "run time p50", "ms", system, Percentiles.Of(runTimes, 50), higherIsBetter: false);
        results.Add(Title, "run time p99", "ms", system, Percentiles.Of(runTimes, 99), higherIsBetter: false);
    }

    private async Task HangfireAsync(BenchmarkContext context, BenchmarkResults results, CancellationToken cancellationToken)
    {
        var count = context.Mode.DurableRuns;
        var postgres = await context.PostgresAsync(cancellationToken);
        using var hangfire = HangfirePeer.CreateOnPostgres(context.Mode.Workers, postgres);
        hangfire.Start(TimeSpan.FromSeconds(1));
        WorkLedger.Reset();
        var before = await RowWritesAsync(postgres, cancellationToken);
        var enqueuedAt = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, (i, _) =>
        {
            var key = $"durable-{i}";
            enqueuedAt[key] = Stopwatch.GetTimestamp();
            var prepare = hangfire.Client.Enqueue(() => HangfirePeer.Jobs.Prepare(key));
            var first = hangfire.Client.ContinueJobWith(prepare, () => HangfirePeer.Jobs.Perform(key, 1));
            hangfire.Client.ContinueJobWith(first, () => HangfirePeer.Jobs.Perform(key, 2));
            return ValueTask.CompletedTask;
        });
        await WorkLedger.WaitForExecutionsAsync(count, TimeSpan.FromMinutes(10), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started, WorkLedger.LastTicks);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var writes = await RowWritesAsync(postgres, cancellationToken) - before;
        var runTimes = enqueuedAt.Select(t => Stopwatch.GetElapsedTime(t.Value, WorkLedger.Finishes[t.Key]).TotalMilliseconds).ToList();
        results.Check(Title, SystemNames.HangfirePostgres, WorkLedger.Finishes.Count == count, $"{WorkLedger.Finishes.Count} of {count} runs completed");
        results.Add(Title, "duplicate executions", "", SystemNames.HangfirePostgres, WorkLedger.Executions - count, higherIsBetter: false);
        results.Add(Title, "runs/s", "/s", SystemNames.HangfirePostgres, count / elapsed.TotalSeconds);
        results.Add(Title, "storage writes per run", "", SystemNames.HangfirePostgres, (double)writes / count, higherIsBetter: false);
        results.Add(Title, "run time p50", "ms", SystemNames.HangfirePostgres, Percentiles.Of(runTimes, 50), higherIsBetter: false);
        results.Add(Title, "run time p99", "ms", SystemNames.HangfirePostgres, Percentiles.Of(runTimes, 99), higherIsBetter: false);
    }

    private async Task QuartzAsync(BenchmarkContext context, BenchmarkResults results, CancellationToken cancellationToken)
    {
        var count = context.Mode.DurableRuns;
        var postgres = await context.PostgresAsync(cancellationToken);
        await using var quartz = await QuartzPeer.CreateOnPostgresAsync(context.Mode.Workers, postgres, cancellationToken);
        await quartz.StartAsync(cancellationToken);
        await quartz.Scheduler.Clear(cancellationToken);
        WorkLedger.Reset();
        var before = await RowWritesAsync(postgres, cancellationToken);
        var scheduledAt = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var key = $"durable-{i}";
            scheduledAt[key] = Stopwatch.GetTimestamp();
            await quartz.Scheduler.ScheduleJob(
                Quartz.JobBuilder.Create<QuartzPeer.DurableStepJob>().WithIdentity(key).Build(),
                Quartz.TriggerBuilder.Create().WithIdentity(key).StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(1)).WithRepeatCount(2)).Build(),
                cancellationToken: CancellationToken.None);
        });
        await WorkLedger.WaitForExecutionsAsync(count, TimeSpan.FromMinutes(10), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started, WorkLedger.LastTicks);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var writes = await RowWritesAsync(postgres, cancellationToken) - before;
        var runTimes = scheduledAt.Select(t => Stopwatch.GetElapsedTime(t.Value, WorkLedger.Finishes[t.Key]).TotalMilliseconds).ToList();
        results.Check(Title, SystemNames.QuartzPostgres, WorkLedger.Finishes.Count == count, $"{WorkLedger.Finishes.Count} of {count} runs completed");
        results.Add(Title, "runs/s", "/s", SystemNames.QuartzPostgres, count / elapsed.TotalSeconds);
        results.Add(Title, "duplicate executions", "", SystemNames.QuartzPostgres, WorkLedger.Executions - count, higherIsBetter: false);
        results.Add(Title, "storage writes per run", "", SystemNames.QuartzPostgres, (double)writes / count, higherIsBetter: false);
        results.Add(Title, "run time p50", "ms", SystemNames.QuartzPostgres, Percentiles.Of(runTimes, 50), higherIsBetter: false);
        results.Add(Title, "run time p99", "ms", SystemNames.QuartzPostgres, Percentiles.Of(runTimes, 99), higherIsBetter: false);
    }

    private static async Task<long> RowWritesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(
            "select pg_stat_force_next_flush(); select sum(tup_inserted + tup_updated + tup_deleted) from pg_stat_database where datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(0);
    }
}
