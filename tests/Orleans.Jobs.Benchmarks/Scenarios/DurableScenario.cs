using Hangfire;
using System.Diagnostics;
using Orleans.Jobs.Benchmarks.Harness;
using Orleans.Jobs.Benchmarks.Systems;

namespace Orleans.Jobs.Benchmarks.Scenarios;

/// <summary>
/// P2: durable runs of one Prepare and two Performs, each step checkpointed to Azurite (grain state blobs, Table
/// reminders, result blob, run log, catalog rows: every request the Azure SDK sends is counted). N jobs are created,
/// then each triggered once, 64 triggers in flight. Run time: from the trigger call to the completing Perform.
/// Full mode adds Hangfire on PostgreSQL (a server the harness starts; Hangfire.PostgreSql makes its schema): each
/// run is a chain of three background jobs (Prepare, then two Performs as continuations), so each step's outcome is
/// stored before the next starts; 16 chains enqueued at a time (Hangfire's client blocks), 10 workers; Hangfire runs
/// a job at least once, so a step it ran twice is counted as a duplicate. Its storage writes are PostgreSQL's row
/// writes (inserted + updated + deleted tuples, from pg_stat_database), its round trips are not counted.
/// </summary>
internal sealed class DurableScenario : IScenario
{
    public string Id => "P2";

    public string Title => "P2 durable";

    public IReadOnlyList<string> Systems(BenchmarkContext context) =>
        context.Mode.WarmUp ? [SystemNames.Ours, SystemNames.HangfirePostgres] : [SystemNames.Ours];

    public async Task RunAsync(string system, BenchmarkContext context, Results results, CancellationToken cancellationToken)
    {
        if (system == SystemNames.HangfirePostgres)
        {
            await HangfireAsync(context, results, cancellationToken);
            return;
        }

        var count = context.Mode.DurableRuns;
        var counter = new StorageRequestCounter();
        var prefix = $"p2{Guid.NewGuid():N}"[..10];
        await using var host = await OrleansJobsHost.StartAsync(await context.AzuriteAsync(cancellationToken), counter, prefix: prefix, cancellationToken: cancellationToken);
        var ids = Enumerable.Range(0, count).Select(i => $"durable-{i}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = context.Concurrency, CancellationToken = cancellationToken },
            async (id, _) => await host.Client.Jobs.CreateAsync(new JobDefinition { Id = id, Type = ThreeStepJob.TypeName }, CancellationToken.None));

        WorkLedger.Reset();
        var triggeredAt = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var (writesBefore, readsBefore) = (counter.Writes, counter.Reads);
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = context.Concurrency, CancellationToken = cancellationToken }, async (id, _) =>
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

    private async Task HangfireAsync(BenchmarkContext context, Results results, CancellationToken cancellationToken)
    {
        var count = context.Mode.DurableRuns;
        var postgres = await context.PostgresAsync(cancellationToken);
        using var hangfire = HangfirePeer.CreateOnPostgres(context.Mode.Workers, postgres);
        hangfire.Start(TimeSpan.FromSeconds(1));
        WorkLedger.Reset();
        var before = await RowWritesAsync(postgres, cancellationToken);
        var enqueuedAt = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, (i, _) =>
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
