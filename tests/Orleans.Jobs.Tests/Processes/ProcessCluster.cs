using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Jobs.Samples.Countdown;
using Orleans.Jobs.TestSupport;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Orleans.Jobs.Tests.Processes;

/// <summary>
/// Real silo processes on Azurite with Table clustering and no primary: their settings (failure detection and
/// reminders tuned to seconds), a client for them, and readers for what the countdown job records.
/// </summary>
internal static class ProcessCluster
{
    /// <summary>
    /// The compose deployment's silo settings (<see cref="ComposeFile.SiloSettings"/>) for a cluster of its own on
    /// <paramref name="connectionString"/>: only the connection string, the cluster's ids, container and table names
    /// (so tests sharing an Azurite do not meet) and the listening address (loopback here) differ.
    /// </summary>
    public static Dictionary<string, string> Settings(string connectionString, string clusterId)
    {
        var tablePrefix = clusterId.Replace("-", "", StringComparison.Ordinal);
        var settings = ComposeFile.SiloSettings();
        settings.Remove("Silo:HealthAddress");
        settings["Storage:ConnectionString"] = connectionString;
        settings["Storage:GrainStateContainer"] = $"{clusterId}-state";
        settings["Storage:ResultsContainer"] = $"{clusterId}-results";
        settings["Storage:LogsContainer"] = $"{clusterId}-logs";
        settings["Storage:ReminderTable"] = $"{tablePrefix}Reminders";
        settings["Storage:MembershipTable"] = $"{tablePrefix}Membership";
        settings["Storage:JobCatalogTable"] = $"{tablePrefix}Jobs";
        settings["Storage:RunCatalogTable"] = $"{tablePrefix}Runs";
        settings["Silo:ClusterId"] = clusterId;
        settings["Silo:ServiceId"] = clusterId;
        return settings;
    }

    /// <summary>A client that finds the silos in the membership table, retrying until <paramref name="patience"/> runs out.</summary>
    public static async Task<IHost> ConnectAsync(IReadOnlyDictionary<string, string> settings, string connectionString, IReadOnlyList<SiloProcess> silos, TimeSpan patience)
    {
        if (silos.Any(s => s.HasExited))
        {
            throw new InvalidOperationException($"A silo exited at start-up.\n{string.Join("\n---\n", silos.Select(s => s.Output))}");
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IClientConnectionRetryFilter>(new ConnectionRetry(patience));
        builder.UseOrleansClient(client => client
            .Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5))
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (settings["Silo:ClusterId"], settings["Silo:ServiceId"]))
            .UseAzureTableClusteringForJobs(options =>
            {
                options.ConnectionString = connectionString;
                options.MembershipTable = settings["Storage:MembershipTable"];
            }));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"The client could not connect.\n{string.Join("\n---\n", silos.Select(s => s.Output))}", exception);
        }

        return host;
    }

    /// <summary>The run's status after a short wait, or null while calls fail because a silo just died.</summary>
    public static async Task<RunSnapshot?> WaitOrNullAsync(IRunGrain run)
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

    /// <summary>The countdown steps a run's committed checkpoint holds.</summary>
    public static List<CountdownStep> Done(RunSnapshot? snapshot) =>
        JsonDocument.Parse(snapshot!.CheckpointJson!).RootElement.GetProperty("done").Deserialize<List<CountdownStep>>(JobJson.Options)!;
}
