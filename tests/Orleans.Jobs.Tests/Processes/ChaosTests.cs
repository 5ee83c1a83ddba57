using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Jobs.Samples.Countdown;
using Orleans.Jobs.Tests.Azure;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Orleans.Jobs.Tests.Processes;

/// <summary>
/// Three silo processes on Azurite running many short scheduled countdown jobs while silos are killed (SIGKILL) and
/// replaced, then all rolled (a new one started, the old one stopped with SIGTERM). Afterwards every fire is accounted
/// for in its job's ledger, every run completed, every step was performed, and no step was performed again except the
/// one in flight on a silo that was stopped. The countdown tells an Azure Table (its witness) of every step it
/// performs, outside the engine. On demand: <c>CHAOS=1</c> runs the short form, <c>CHAOS_LONG=1</c> the long one.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChaosTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly bool _long = Environment.GetEnvironmentVariable("CHAOS_LONG") == "1";
    private static readonly int _jobs = _long ? 150 : 50;
    private static readonly TimeSpan _every = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan _duration = TimeSpan.FromSeconds(_long ? 150 : 36);
    private static readonly int _kills = _long ? 6 : 2;
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(120);
    private const int Steps = 3;

    [ChaosFact]
    public async Task SiloKillsAndARollingRestart_LoseNoFire_SkipNoStep_RepeatOnlyStepsInFlight()
    {
        var clusterId = $"c{Guid.NewGuid():N}"[..12];
        var settings = ProcessCluster.Settings(azurite.ConnectionString, clusterId);
        var witnessTable = $"{clusterId}Steps";
        settings["Demo:CountdownWitnessTable"] = witnessTable;
        var silos = new List<SiloProcess> { SiloProcess.Start(settings), SiloProcess.Start(settings), SiloProcess.Start(settings) };
        var stopped = new List<(int ProcessId, DateTimeOffset At, bool Killed)>();
        try
        {
            using var host = await ProcessCluster.ConnectAsync(settings, azurite.ConnectionString, silos, _patience);
            var grains = host.Services.GetRequiredService<IClusterClient>();
            await RetryAsync(() => grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true), hosts => hosts.Count == 3, "three active silos");

            var started = DateTimeOffset.UtcNow;
            var endAt = started + _duration;
            var ids = Enumerable.Range(0, _jobs).Select(i => $"chaos-{i:D3}").ToList();
            foreach (var id in ids)
            {
                await grains.GetGrain<IJobGrain>(id).CreateAsync(new JobDefinition
                {
                    Id = id,
                    Type = CountdownJob.TypeName,
                    Parameters = JobParameters.From(new { steps = Steps, stepMs = 300 }),
                    Schedules = [Schedule.Interval(_every)],
                    EndAt = endAt,
                    Retry = new RetryPolicy { MaximumAttempts = 10, InitialInterval = TimeSpan.FromMilliseconds(500), MaximumInterval = TimeSpan.FromSeconds(2) },
                });
            }

            // Chaos: SIGKILL a random silo and start a replacement, a few times; then roll every silo.
            var random = new Random(clusterId.GetHashCode(StringComparison.Ordinal));
            var chaosWindow = _duration * 0.6;
            for (var kill = 0; kill < _kills; kill++)
            {
                await Task.Delay(chaosWindow / (_kills + 1));
                var victim = silos[random.Next(silos.Count)];
                victim.Kill();
                stopped.Add((victim.ProcessId, DateTimeOffset.UtcNow, Killed: true));
                output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} SIGKILL silo process {victim.ProcessId}");
                silos.Remove(victim);
                await victim.DisposeAsync();
                silos.Add(SiloProcess.Start(settings));
            }

            foreach (var old in silos.ToList())
            {
                silos.Add(SiloProcess.Start(settings));
                await Task.Delay(TimeSpan.FromSeconds(2));
                old.Terminate();
                stopped.Add((old.ProcessId, DateTimeOffset.UtcNow, Killed: false));
                output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} SIGTERM silo process {old.ProcessId}");
                await old.WaitForExitAsync(TimeSpan.FromSeconds(60));
                silos.Remove(old);
                await old.DisposeAsync();
            }

            // Let the schedules end, then wait until no job has a run left.
            var remaining = endAt - DateTimeOffset.UtcNow;
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining);
            }

            var jobs = new Dictionary<string, JobSnapshot>();
            foreach (var id in ids)
            {
                try
                {
                    jobs[id] = await RetryAsync(() => grains.GetGrain<IJobGrain>(id).GetAsync(), j => j.ActiveRuns.Count == 0 && j.NextFireAt is null && j.Buffered.Count == 0, $"job {id} to finish its schedule");
                }
                catch (TimeoutException)
                {
                    var job = await grains.GetGrain<IJobGrain>(id).GetAsync();
                    var runs = new StringBuilder();
                    foreach (var runId in job.ActiveRuns)
                    {
                        var run = await grains.GetGrain<IRunGrain>(runId).GetStatusAsync();
                        runs.AppendLine($"  {runId}: {run.Status} step {run.Step} attempt {run.Attempt} on {run.Silo}, checkpoint {run.LastCheckpointAt:O}, retry {run.RetryAt:O}, wake {run.WakeAt:O}, error {run.Error?.Message}");
                    }

                    var logs = string.Join("\n---\n", silos.Select(s => $"silo {s.SiloPort}:\n" + string.Join('\n', s.Output.Split('\n').Where(l => l.Contains(id, StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).TakeLast(40))));
                    throw new TimeoutException($"Job {id} did not finish: status {job.Status}, next fire {job.NextFireAt:O}, buffered {job.Buffered.Count}, silo {job.Silo}, active runs:\n{runs}\nsilos now: {string.Join(", ", silos.Select(s => s.SiloPort))}\n{logs}");
                }
            }

            var witness = await ReadWitnessAsync(witnessTable);
            var report = new StringBuilder();
            var (lostFires, failedRuns, skippedSteps, repeatsInFlight, repeatsAfterCommit) = (0, 0, 0, 0, 0);
            var outcomes = new Dictionary<OccurrenceOutcome, int>();
            var failovers = new List<TimeSpan>();
            foreach (var id in ids)
            {
                var job = jobs[id];
                var ledger = await RetryAsync(() => grains.GetGrain<IJobGrain>(id).GetOccurrencesAsync(10_000), _ => true, "the ledger");
                var expected = ScheduleTimeline.Upcoming(job.Definition, job.CreatedAt, 10_000);
                var accounted = ledger.Select(r => r.Occurrence).ToHashSet();
                lostFires += expected.Count(o => !accounted.Contains(o));
                foreach (var record in ledger)
                {
                    outcomes[record.Outcome] = outcomes.GetValueOrDefault(record.Outcome) + 1;
                }

                var history = await RetryAsync(() => grains.GetGrain<IJobGrain>(id).GetHistoryAsync(10_000), _ => true, "the history");
                Assert.Equal(ledger.Count(r => r.Outcome == OccurrenceOutcome.Started), history.Count);
                foreach (var run in history)
                {
                    if (run.Status != RunStatus.Completed)
                    {
                        failedRuns++;
                        report.AppendLine($"{run.RunId}: {run.Status} {run.Error?.Message}");
                        continue;
                    }

                    var committed = ProcessCluster.Done(await RetryAsync(() => grains.GetGrain<IRunGrain>(run.RunId).GetStatusAsync(), _ => true, "the run"));
                    var performed = witness.GetValueOrDefault(TableCountdownWitness.Partition(run.RunId)) ?? [];
                    for (var step = 1; step <= Steps; step++)
                    {
                        var records = performed.Where(r => r.Step == step).OrderBy(r => r.At).ToList();
                        var committedBy = committed.Single(s => s.Step == step).ProcessId;
                        if (records.Count == 0)
                        {
                            skippedSteps++;
                            report.AppendLine($"{run.RunId} step {step}: no record of it being performed");
                            continue;
                        }

                        foreach (var repeat in records.Where(r => r.ProcessId != committedBy))
                        {
                            // Only a step in flight on a silo that was stopped may have been performed there without
                            // its checkpoint; anything else is a step performed again after its commit.
                            if (stopped.Any(s => s.ProcessId == repeat.ProcessId))
                            {
                                repeatsInFlight++;
                            }
                            else
                            {
                                repeatsAfterCommit++;
                                report.AppendLine($"{run.RunId} step {step}: performed by {repeat.ProcessId} and committed by {committedBy}");
                            }
                        }

                        repeatsAfterCommit += Math.Max(0, records.Count(r => r.ProcessId == committedBy) - 1);
                    }

                    // A run that a SIGKILL interrupted: from the kill to its next step performed on another silo.
                    foreach (var (processId, at, _) in stopped.Where(s => s.Killed))
                    {
                        if (performed.Any(r => r.ProcessId == processId && r.At <= at)
                            && performed.Where(r => r.ProcessId != processId && r.At > at).OrderBy(r => r.At).FirstOrDefault() is { At: var resumedAt } && resumedAt != default)
                        {
                            failovers.Add(resumedAt - at);
                        }
                    }
                }
            }

            output.WriteLine($"jobs {_jobs}, every {_every}, for {_duration}; {_kills} SIGKILLs and a rolling restart of 3 silos");
            output.WriteLine($"runs completed {jobs.Values.Sum(j => j.Completed)}, failed {failedRuns}; fires lost {lostFires}; steps skipped {skippedSteps}; steps repeated after commit {repeatsAfterCommit}; in-flight steps repeated after a stop {repeatsInFlight}");
            output.WriteLine($"occurrences: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
            output.WriteLine(failovers.Count == 0
                ? "no run was interrupted by a SIGKILL"
                : $"SIGKILL → interrupted run's next step on another silo: median {Median(failovers).TotalSeconds:0.0} s, max {failovers.Max().TotalSeconds:0.0} s over {failovers.Count} runs "
                    + "(ClusterMembershipOptions: ProbeTimeout 1 s, NumMissedProbesLimit 2, NumVotesForDeathDeclaration 1; JobsOptions.KeepAlivePeriod 1 s; reminders refreshed every 2 s)");
            Assert.True((lostFires, failedRuns, skippedSteps, repeatsAfterCommit) == (0, 0, 0, 0), report.ToString());
            Assert.True(jobs.Values.Sum(j => j.Completed) >= _jobs * (_duration / _every) * 0.5, "most fires ran");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private async Task<Dictionary<string, List<(int Step, int ProcessId, DateTimeOffset At)>>> ReadWitnessAsync(string table)
    {
        var rows = new Dictionary<string, List<(int, int, DateTimeOffset)>>(StringComparer.Ordinal);
        await foreach (var row in new TableClient(azurite.ConnectionString, table).QueryAsync<TableEntity>())
        {
            if (!rows.TryGetValue(row.PartitionKey, out var list))
            {
                rows[row.PartitionKey] = list = [];
            }

            list.Add((row.GetInt32("Step")!.Value, row.GetInt32("ProcessId")!.Value, row.GetDateTimeOffset("At")!.Value));
        }

        return rows;
    }

    /// <summary>Reads through the errors of calls routed to a silo that just died, until the value is as wanted.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < _patience)
        {
            try
            {
                var value = await read();
                if (condition(value))
                {
                    return value;
                }
            }
            catch (Exception exception) when (exception is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException)
            {
                last = exception;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Timed out after {_patience} waiting for {what}.", last);
    }

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);
}
