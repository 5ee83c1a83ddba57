using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Jobs.Samples.Countdown;
using Orleans.Jobs.Tests.Azure;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
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

    private Dictionary<string, string> Settings(string clusterId) => new()
    {
        ["Storage:Mode"] = "Azure",
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["Storage:GrainStateContainer"] = $"{clusterId}-state",
        ["Storage:ResultsContainer"] = $"{clusterId}-results",
        ["Storage:LogsContainer"] = $"{clusterId}-logs",
        ["Storage:ReminderTable"] = $"{clusterId.Replace("-", "", StringComparison.Ordinal)}Reminders",
        ["Storage:MembershipTable"] = $"{clusterId.Replace("-", "", StringComparison.Ordinal)}Membership",
        ["Storage:JobCatalogTable"] = $"{clusterId.Replace("-", "", StringComparison.Ordinal)}Jobs",
        ["Storage:RunCatalogTable"] = $"{clusterId.Replace("-", "", StringComparison.Ordinal)}Runs",
        ["Silo:Clustering"] = "Table",
        ["Silo:ClusterId"] = clusterId,
        ["Silo:ServiceId"] = clusterId,
        ["Silo:Reminders:MinimumReminderPeriod"] = "00:00:01",
        ["Silo:Reminders:RefreshReminderListPeriod"] = "00:00:02",
        ["Silo:Membership:ProbeTimeout"] = "00:00:01",
        ["Silo:Membership:NumMissedProbesLimit"] = "2",
        ["Silo:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Silo:Membership:TableRefreshTimeout"] = "00:00:02",
        ["Silo:Membership:IAmAliveTablePublishTimeout"] = "00:00:05",
        ["Silo:Membership:DeathVoteExpirationTimeout"] = "00:00:10",
        ["Jobs:KeepAlivePeriod"] = "00:00:01",
        ["Demo:Enabled"] = "false",
    };

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

    private static async Task<RunSnapshot?> WaitOrNullAsync(IRunGrain run)
    {
        try
        {
            return await run.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception exception) when (exception is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException)
        {
            return null;
        }
    }

    private static List<CountdownStep> Done(RunSnapshot? snapshot) =>
        JsonDocument.Parse(snapshot!.CheckpointJson!).RootElement.GetProperty("done").Deserialize<List<CountdownStep>>(JobJson.Options)!;

    private async Task<IHost> ConnectAsync(IReadOnlyDictionary<string, string> settings, SiloProcess first, SiloProcess second)
    {
        if (first.HasExited || second.HasExited)
        {
            throw new InvalidOperationException($"A silo exited at start-up.\nFirst:\n{first.Output}\nSecond:\n{second.Output}");
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IClientConnectionRetryFilter>(new ConnectionRetry(_patience));
        builder.UseOrleansClient(client => client
            .Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5))
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (settings["Silo:ClusterId"], settings["Silo:ServiceId"]))
            .UseAzureTableClusteringForJobs(options =>
            {
                options.ConnectionString = azurite.ConnectionString;
                options.MembershipTable = settings["Storage:MembershipTable"];
            }));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"The client could not connect.\nFirst silo:\n{first.Output}\nSecond silo:\n{second.Output}", exception);
        }

        return host;
    }
}
