using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Benchmarks.Harness;
using Orleans.Jobs.Benchmarks.Systems;
using Orleans.Jobs.TestSupport;

namespace Orleans.Jobs.Benchmarks.Scenarios;

/// <summary>
/// P6: two silo processes on Azurite (Table clustering, the compose file's failure detection: probes every 1 s, dead
/// after 2 missed, one vote; keep-alive 1 s), a 30-step countdown run (300 ms a step) SIGKILLed with its silo after 5
/// steps. Measured: from the kill to the next step committed on the other silo, and the steps performed more than
/// once beyond the one in flight at the kill (from the countdown's own record of every step it performs, in a Table).
/// Orleans.Jobs only: Quartz's RAMJobStore and Hangfire.InMemory live in one process and cannot fail over.
/// </summary>
internal sealed class FailoverScenario : IScenario
{
    private const int Steps = 30;

    public string Id => "P6";

    public string Title => "P6 failover";

    public IReadOnlyList<string> Systems(BenchmarkContext context) => [SystemNames.Ours];

    public async Task RunAsync(string system, BenchmarkContext context, BenchmarkResults results, CancellationToken cancellationToken)
    {
        await using var azurite = await context.StartAzuriteAsync(cancellationToken);
        var connection = azurite.ConnectionString;
        var cluster = $"p6{Guid.NewGuid():N}"[..10];
        var settings = Settings(connection, cluster);
        await using var first = SiloProcess.Start(settings);
        await using var second = SiloProcess.Start(settings);
        using var client = await ConnectAsync(connection, cluster, cancellationToken);
        var jobs = new Client.JobsClient(client.Services.GetRequiredService<IClusterClient>());
        await jobs.Jobs.CreateAsync(new JobDefinition { Id = "failover", Type = "countdown", Parameters = JobParameters.From(new { steps = Steps, stepMs = 300 }) }, cancellationToken);
        var runId = (await jobs.Jobs.TriggerAsync("failover", cancellationToken: cancellationToken)).RunId;

        var before = await PollAsync(() => jobs.Runs.GetAsync(runId, cancellationToken), s => s.Step >= 5, TimeSpan.FromSeconds(60), cancellationToken);
        var victim = new[] { first, second }.Single(s => before.Silo!.Contains($":{s.SiloPort}:", StringComparison.Ordinal));
        victim.Kill();
        var killed = Stopwatch.StartNew();
        var resumed = await PollAsync(() => jobs.Runs.GetAsync(runId, cancellationToken), s => s.Step > before.Step && s.Silo != before.Silo, TimeSpan.FromMinutes(2), cancellationToken);
        var failover = killed.Elapsed;
        var finished = await PollAsync(() => jobs.Runs.GetAsync(runId, cancellationToken), s => s.IsFinished, TimeSpan.FromMinutes(2), cancellationToken);

        var performed = new TableClient(connection, $"{cluster}Steps").QueryAsync<TableEntity>(e => e.PartitionKey == runId.Replace('/', '|'), cancellationToken: cancellationToken);
        var counts = new Dictionary<int, int>();
        await foreach (var row in performed)
        {
            var step = row.GetInt32("Step")!.Value;
            counts[step] = counts.GetValueOrDefault(step) + 1;
        }

        var repeats = counts.Values.Sum(c => c - 1);
        results.Check(Title, system, finished.Status == RunStatus.Completed && counts.Count == Steps, $"run {finished.Status}, {counts.Count} of {Steps} steps recorded");
        results.Add(Title, "SIGKILL → next step on the survivor", "s", system, failover.TotalSeconds, higherIsBetter: false);
        results.Add(Title, "steps performed twice beyond the one in flight", "", system, Math.Max(0, repeats - 1), higherIsBetter: false);
        _ = resumed;
    }

    private static Dictionary<string, string> Settings(string connection, string cluster) => new()
    {
        ["Storage:Mode"] = "Azure",
        ["Storage:ConnectionString"] = connection,
        ["Storage:GrainStateContainer"] = $"{cluster}-state",
        ["Storage:ResultsContainer"] = $"{cluster}-results",
        ["Storage:LogsContainer"] = $"{cluster}-logs",
        ["Storage:ReminderTable"] = $"{cluster}Reminders",
        ["Storage:MembershipTable"] = $"{cluster}Membership",
        ["Storage:JobCatalogTable"] = $"{cluster}Jobs",
        ["Storage:RunCatalogTable"] = $"{cluster}Runs",
        ["Silo:Clustering"] = "Table",
        ["Silo:ClusterId"] = cluster,
        ["Silo:ServiceId"] = cluster,
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
        ["Demo:CountdownWitnessTable"] = $"{cluster}Steps",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private static async Task<IHost> ConnectAsync(string connection, string cluster, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5))
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster, cluster))
            .UseAzureTableClusteringForJobs(options =>
            {
                options.ConnectionString = connection;
                options.MembershipTable = $"{cluster}Membership";
            }));
        var host = builder.Build();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await host.StartAsync(cancellationToken);
                return host;
            }
            catch (Exception) when (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(1000, cancellationToken); // the silos are still starting
            }
        }
    }

    private static async Task<RunSnapshot> PollAsync(Func<Task<RunSnapshot>> read, Func<RunSnapshot, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var snapshot = await read();
                if (done(snapshot))
                {
                    return snapshot;
                }
            }
            catch (Exception exception) when (exception is TimeoutException or Runtime.OrleansException)
            {
                // The silo that held the run just died.
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The run did not get there within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
