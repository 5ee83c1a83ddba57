using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Jobs.Samples.Countdown;
using Orleans.Jobs.Tests.Azure;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.TestSupport;
using Orleans.Runtime;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Processes;

/// <summary>
/// Two real silo processes (the <c>silo</c> binary) on Azurite with Table clustering and no primary: the one running a
/// multi-step run is killed with SIGKILL, and the run finishes on the other from its last checkpoint.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TwoSiloProcessesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(90);

    private Dictionary<string, string> Settings(string clusterId) => ProcessCluster.Settings(azurite.ConnectionString, clusterId);

    [Fact]
    public async Task KillTheSiloProcessRunningARun_TheOtherFinishesItFromTheLastCheckpoint()
    {
        var clusterId = $"p{Guid.NewGuid():N}"[..12];
        var settings = Settings(clusterId);
        await using var first = SiloProcess.Start(settings);
        await using var second = SiloProcess.Start(settings);
        using var client = await ConnectAsync(settings, first, second);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        await WaitUntilAsync(
            () => grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true),
            hosts => hosts.Count == 2,
            _patience,
            $"two active silos (first: {first.Output}; second: {second.Output})");

        var job = grains.GetGrain<IJobGrain>("countdown");
        await job.CreateAsync(new JobDefinition { Id = "countdown", Type = CountdownJob.TypeName, Parameters = JobParameters.From(new { steps = 12, stepMs = 400 }) });
        var started = await job.TriggerAsync(new TriggerRequest { IdempotencyKey = "failover" });
        var run = grains.GetGrain<IRunGrain>(started.RunId);
        var beforeKill = await WaitUntilAsync(run.GetStatusAsync, s => s.Step >= 4, _patience, "four committed steps");
        var (victim, survivor) = beforeKill.Silo!.Contains($":{first.SiloPort}:", StringComparison.Ordinal) ? (first, second) : (second, first);
        victim.Kill();

        // Calls routed to the dead silo time out until the cluster declares it dead; keep asking.
        var finished = await WaitUntilAsync(() => WaitOrNullAsync(run), s => s?.IsFinished == true, _patience, "the run to finish on the surviving silo");

        Assert.NotNull(finished);
        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Contains($":{survivor.SiloPort}:", finished.Silo, StringComparison.Ordinal);

        // The CLI finds the cluster the way the silos do: the gateway list in the membership table.
        var viaTable = await new Cli.JobsCli(gatewayPort: null).RunAsync(
            ["status", started.RunId, "--json"],
            settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value));
        Assert.True(viaTable.ExitCode == 0, viaTable.ToString());
        Assert.Equal("completed", viaTable.Json().GetProperty("status").GetString());
        var committedBeforeKill = Done(beforeKill);
        var done = Done(finished);
        Assert.Equal(Enumerable.Range(1, 12), done.Select(s => s.Step));
        Assert.Equal(committedBeforeKill, done.Take(committedBeforeKill.Count));
        Assert.All(committedBeforeKill, s => Assert.Equal(victim.ProcessId, s.ProcessId));
        Assert.All(done.Skip(committedBeforeKill.Count + 1), s => Assert.Equal(survivor.ProcessId, s.ProcessId));
    }

    [Fact]
    public async Task StopTheSiloRunningARunGracefully_TheRunMovesToTheOtherAtOnce()
    {
        var clusterId = $"g{Guid.NewGuid():N}"[..12];
        var settings = Settings(clusterId);

        // Keep-alive reminders at their production period (1 min): only the handoff can move the run within the test.
        settings.Remove("Silo:Reminders:MinimumReminderPeriod");
        settings.Remove("Jobs:KeepAlivePeriod");
        await using var first = SiloProcess.Start(settings);
        await using var second = SiloProcess.Start(settings);
        using var client = await ConnectAsync(settings, first, second);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        await WaitUntilAsync(() => grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true), hosts => hosts.Count == 2, _patience, "two active silos");

        var job = grains.GetGrain<IJobGrain>("countdown");
        await job.CreateAsync(new JobDefinition { Id = "countdown", Type = CountdownJob.TypeName, Parameters = JobParameters.From(new { steps = 10, stepMs = 400 }) });
        var started = await job.TriggerAsync(new TriggerRequest { IdempotencyKey = "graceful" });
        var beforeStop = await WaitUntilAsync(grains.GetGrain<IRunGrain>(started.RunId).GetStatusAsync, s => s.Step >= 3, _patience, "three committed steps");
        var (leaving, staying) = beforeStop.Silo!.Contains($":{first.SiloPort}:", StringComparison.Ordinal) ? (first, second) : (second, first);
        leaving.Terminate();
        var exitCode = await leaving.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Not a single call to the run meanwhile: only the handoff can have moved it. Its result blob says it finished.
        var result = azurite.Blobs.GetBlobContainerClient(settings["Storage:ResultsContainer"]).GetBlobClient($"{started.RunId}.json");
        await WaitUntilAsync(async () => (await result.ExistsAsync()).Value, exists => exists, TimeSpan.FromSeconds(30), "the run's result, well before its keep-alive reminder (1 min)");

        // The client may still try the stopped silo's gateway first: read through such refusals.
        var finished = await WaitUntilAsync(() => WaitOrNullAsync(grains.GetGrain<IRunGrain>(started.RunId)), s => s?.IsFinished == true, _patience, "the run's final status");
        Assert.NotNull(finished);
        Assert.Equal(0, exitCode);
        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Contains($":{staying.SiloPort}:", finished.Silo, StringComparison.Ordinal);
        var done = Done(finished);
        Assert.Equal(Enumerable.Range(1, 10), done.Select(s => s.Step));
        Assert.Equal(Done(beforeStop), done.Take(Done(beforeStop).Count));
        Assert.Contains(done, s => s.ProcessId == staying.ProcessId);
    }

    private Task<IHost> ConnectAsync(IReadOnlyDictionary<string, string> settings, params SiloProcess[] silos) =>
        ProcessCluster.ConnectAsync(settings, azurite.ConnectionString, silos, _patience);

    private static Task<RunSnapshot?> WaitOrNullAsync(IRunGrain run) => ProcessCluster.WaitOrNullAsync(run);

    private static List<CountdownStep> Done(RunSnapshot? snapshot) => ProcessCluster.Done(snapshot);
}
