using System.Diagnostics;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Samples.Countdown;
using Orleans.Jobs.Tests.Azure;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.TestSupport;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Orleans.Jobs.Tests.Processes;

/// <summary>
/// Three silo processes on an Azurite of their own running many short scheduled countdown jobs while silos are killed
/// (SIGKILL) and replaced, storage stalls (Azurite SIGSTOPped, then SIGCONTed: the silos report not ready meanwhile),
/// and then all silos are rolled (a new one started, the old one stopped with SIGTERM). Afterwards every fire is
/// accounted for in its job's ledger, every run completed, every step was performed, and no step was performed again
/// after its checkpoint committed (one in flight at a stop, or in an attempt that failed, may run again before it).
/// The countdown tells an Azure Table (its witness) of every step it performs, outside the engine, naming each
/// performance as its checkpoint does. The short form runs with every test run (about a minute); <c>CHAOS_LONG=1</c>
/// runs the long one.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private static readonly bool _long = Environment.GetEnvironmentVariable("CHAOS_LONG") == "1";
    private static readonly int _jobs = _long ? 150 : 50;
    private static readonly TimeSpan _every = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan _duration = TimeSpan.FromSeconds(_long ? 150 : 36);
    private static readonly int _kills = _long ? 6 : 2;
    private static readonly TimeSpan _stall = TimeSpan.FromSeconds(_long ? 20 : 8);
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(120);
    private const int Steps = 3;

    [Fact]
    public async Task SiloKillsAStorageStallAndARollingRestart_LoseNoFire_SkipNoStep_RepeatNoCommittedStep()
    {
        await using var azurite = await AzuriteServer.StartPrivateAsync();
        var clusterId = $"c{Guid.NewGuid():N}"[..12];
        var settings = ProcessCluster.Settings(azurite.ConnectionString, clusterId);
        var witnessTable = $"{clusterId}Steps";
        settings["Demo:CountdownWitnessTable"] = witnessTable;
        settings["Logging:LogLevel:Orleans.Jobs"] = "Debug"; // what each run did, for the report of a run that did not finish
        settings["Logging:LogLevel:Orleans.Runtime.ReminderService"] = "Debug";
        settings["Logging:LogLevel:Orleans.Runtime.ActivationData"] = "Debug";
        settings["Logging:Console:FormatterOptions:SingleLine"] = "true";
        settings["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ";
        var silos = new List<SiloProcess> { SiloProcess.Start(settings), SiloProcess.Start(settings), SiloProcess.Start(settings) };
        var everySilo = new List<SiloProcess>(silos);
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
                // Creating is idempotent: a create that timed out (silos still warming up) is simply sent again.
                var definition = new JobDefinition
                {
                    Id = id,
                    Type = CountdownJob.TypeName,
                    Parameters = JobParameters.From(new { steps = Steps, stepMs = 300 }),
                    Schedules = [Schedule.Interval(_every)],
                    EndAt = endAt,
                    Retry = new RetryPolicy { MaximumAttempts = 10, InitialInterval = TimeSpan.FromMilliseconds(500), MaximumInterval = TimeSpan.FromSeconds(2) },
                    StepDeadline = TimeSpan.FromSeconds(10),
                };
                await RetryAsync(() => grains.GetGrain<IJobGrain>(id).CreateAsync(definition), _ => true, $"job {id} to be created");
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
                everySilo.Add(silos[^1]);
            }

            await StallStorageAsync(azurite, silos[0]);
            foreach (var old in silos.ToList())
            {
                silos.Add(SiloProcess.Start(settings));
                everySilo.Add(silos[^1]);
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

                    var saved = SaveSiloLogs(everySilo, clusterId);
                    var logs = string.Join("\n---\n", everySilo.Select(s => $"silo {s.SiloPort} (process {s.ProcessId}{(silos.Contains(s) ? "" : ", gone")}):\n" + string.Join('\n', s.Output.Split('\n').Where(l => job.ActiveRuns.Any(r => l.Contains(r, StringComparison.Ordinal))).TakeLast(60))));
                    throw new TimeoutException($"Job {id} did not finish: status {job.Status}, next fire {job.NextFireAt:O}, buffered {job.Buffered.Count}, silo {job.Silo}, active runs:\n{runs}\nsilos now: {string.Join(", ", silos.Select(s => s.SiloPort))}\nfull silo logs: {saved}\n{logs}");
                }
            }

            var witness = await ReadWitnessAsync(azurite.ConnectionString, witnessTable);
            var report = new StringBuilder();
            var (lostFires, failedRuns, skippedSteps, repeatsBeforeCommit, repeatsAfterCommit) = (0, 0, 0, 0, 0);
            var outcomes = new Dictionary<OccurrenceOutcome, int>();
            var failovers = new List<TimeSpan>();
            var expectedFires = new Dictionary<string, int>();
            foreach (var id in ids)
            {
                var job = jobs[id];
                var ledger = await RetryAsync(() => grains.GetGrain<IJobGrain>(id).GetOccurrencesAsync(10_000), _ => true, "the ledger");
                var expected = ScheduleTimeline.Upcoming(job.Definition, job.CreatedAt, 10_000);
                expectedFires[id] = expected.Count;
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
                        // The checkpoint names the performance it committed; the witness has every performance. One
                        // before the committed one never reached a checkpoint (in flight on a silo that stopped, or an
                        // attempt that failed); one after it is a step performed again after its commit.
                        var records = performed.Where(r => r.Step == step).OrderBy(r => r.At).ToList();
                        var execution = committed.Single(s => s.Step == step).Execution;
                        var kept = records.SingleOrDefault(r => r.Execution == execution);
                        if (kept.Execution is null)
                        {
                            skippedSteps++;
                            report.AppendLine($"{run.RunId} step {step}: committed performance {execution} has no record");
                            continue;
                        }

                        foreach (var other in records.Where(r => r.Execution != execution))
                        {
                            if (other.At < kept.At)
                            {
                                repeatsBeforeCommit++;
                            }
                            else
                            {
                                repeatsAfterCommit++;
                                report.AppendLine($"{run.RunId} step {step}: performed by {other.ProcessId} (attempt {other.Attempt}) at {other.At:HH:mm:ss.fff}, after the committed performance by {kept.ProcessId} (attempt {kept.Attempt}) at {kept.At:HH:mm:ss.fff}");
                            }
                        }
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

            output.WriteLine($"jobs {_jobs}, every {_every}, for {_duration}; {_kills} SIGKILLs, a {_stall.TotalSeconds:0} s storage stall and a rolling restart of 3 silos");
            output.WriteLine($"runs completed {jobs.Values.Sum(j => j.Completed)}, failed {failedRuns}; fires lost {lostFires}; steps skipped {skippedSteps}; steps repeated after commit {repeatsAfterCommit}; steps performed again before their commit (in flight at a stop, or a failed attempt) {repeatsBeforeCommit}");
            output.WriteLine($"occurrences: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
            output.WriteLine(failovers.Count == 0
                ? "no run was interrupted by a SIGKILL"
                : $"SIGKILL → interrupted run's next step on another silo: median {Median(failovers).TotalSeconds:0.0} s, max {failovers.Max().TotalSeconds:0.0} s over {failovers.Count} runs "
                    + "(ClusterMembershipOptions: ProbeTimeout 1 s, NumMissedProbesLimit 2, NumVotesForDeathDeclaration 1; JobsOptions.KeepAlivePeriod 1 s; reminders refreshed every 2 s)");
            Assert.True((lostFires, failedRuns, skippedSteps, repeatsAfterCommit) == (0, 0, 0, 0), report.ToString());
            // Fires that met a run still going were skipped, as the overlap policy says (and are in the ledger), so a job
            // whose run spanned the stall may have run once only; every job ran.
            Assert.All(jobs.Values, j => Assert.True(j.Completed >= 1 || expectedFires[j.Definition.Id] == 0, $"job {j.Definition.Id} completed no run of {expectedFires[j.Definition.Id]} fires"));
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Stalls Azurite for <see cref="_stall"/>: <paramref name="observer"/> must report itself not ready (storage does
    /// not answer) during the stall and ready again after it.
    /// </summary>
    private async Task StallStorageAsync(AzuriteServer azurite, SiloProcess observer)
    {
        await WaitForReadinessAsync(observer, HttpStatusCode.OK, _patience, "ready before the stall");
        azurite.Pause();
        var stalledAt = Stopwatch.StartNew();
        output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} SIGSTOP Azurite for {_stall.TotalSeconds:0} s");
        try
        {
            var notReady = await WaitForReadinessAsync(observer, HttpStatusCode.ServiceUnavailable, _stall, "not ready while storage is stalled");
            Assert.Contains("did not answer", notReady, StringComparison.Ordinal);
            output.WriteLine($"silo {observer.SiloPort} not ready {stalledAt.Elapsed.TotalSeconds:0.0} s into the stall");
            var rest = _stall - stalledAt.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
        finally
        {
            azurite.Resume();
        }

        output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} SIGCONT Azurite");
        var resumedAt = Stopwatch.StartNew();
        await WaitForReadinessAsync(observer, HttpStatusCode.OK, _patience, "ready again after the stall");
        output.WriteLine($"silo {observer.SiloPort} ready {resumedAt.Elapsed.TotalSeconds:0.0} s after the stall ended");
    }

    private static async Task<string> WaitForReadinessAsync(SiloProcess silo, HttpStatusCode wanted, TimeSpan patience, string what)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < patience)
        {
            try
            {
                var (status, body) = await silo.GetAsync("/health/ready");
                if (status == wanted)
                {
                    return body;
                }

                last = $"{(int)status}: {body}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException)
            {
                last = "no answer within the HTTP timeout";
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Silo {silo.SiloPort} was not {what} within {patience}; last answer: {last}");
    }

    private static async Task<Dictionary<string, List<(int Step, int Attempt, int ProcessId, string Execution, DateTimeOffset At)>>> ReadWitnessAsync(string connectionString, string table)
    {
        var rows = new Dictionary<string, List<(int, int, int, string, DateTimeOffset)>>(StringComparer.Ordinal);
        await foreach (var row in new TableClient(connectionString, table).QueryAsync<TableEntity>())
        {
            if (!rows.TryGetValue(row.PartitionKey, out var list))
            {
                rows[row.PartitionKey] = list = [];
            }

            list.Add((row.GetInt32("Step")!.Value, row.GetInt32("Attempt")!.Value, row.GetInt32("ProcessId")!.Value, row.GetString("Execution"), row.GetDateTimeOffset("At")!.Value));
        }

        return rows;
    }

    /// <summary>Writes every silo's whole output to a folder under the test output; returns the folder.</summary>
    private static string SaveSiloLogs(IEnumerable<SiloProcess> silos, string clusterId)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "chaos-logs", clusterId);
        Directory.CreateDirectory(folder);
        foreach (var silo in silos)
        {
            File.WriteAllText(Path.Combine(folder, $"silo-{silo.SiloPort}-pid-{silo.ProcessId}.log"), silo.Output);
        }

        return folder;
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
