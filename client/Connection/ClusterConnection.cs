using System.Net.Sockets;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Jobs.Cli.Invocation;
using Orleans.Jobs.Client;

namespace Orleans.Jobs.Cli.Connection;

/// <summary>
/// An Orleans client connected to the cluster: through the gateways given, or the gateway list the silos keep in Azure
/// Table storage (the same <c>Storage__*</c> and <c>Silo__*</c> settings the silo reads), or the local silo's default.
/// </summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    public const string DefaultGateway = "127.0.0.1:30000";
    private const string DefaultClusterId = "orleans-jobs";

    private readonly IHost _host;

    private ClusterConnection(IHost host, string target)
    {
        _host = host;
        Target = target;
        Client = host.Services.GetRequiredService<JobsClient>();
    }

    public JobsClient Client { get; }

    /// <summary>What the client connected to, for messages.</summary>
    public string Target { get; }

    public static async Task<ClusterConnection> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.ClearProviders();
        if (settings.Verbose)
        {
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        }

        var configuration = builder.Configuration;
        var storage = configuration.GetSection("Storage");
        var useTable = settings.Gateways.Count == 0 && (storage["ConnectionString"] is not null || storage["TableServiceUri"] is not null);
        var gateways = useTable ? [] : await ResolveAsync(settings.Gateways.Count > 0 ? settings.Gateways : [DefaultGateway], cancellationToken);
        var target = useTable ? "the gateways listed in Azure Table storage" : string.Join(", ", settings.Gateways.Count > 0 ? settings.Gateways : [DefaultGateway]);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = settings.ClusterId ?? configuration["Silo:ClusterId"] ?? DefaultClusterId;
                cluster.ServiceId = settings.ServiceId ?? configuration["Silo:ServiceId"] ?? DefaultClusterId;
            });
            if (useTable)
            {
                client.UseAzureTableClusteringForJobs(storage);
            }
            else
            {
                client.UseStaticClustering(gateways);
            }
        });
        builder.Services.AddOrleansJobsClient();

        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return new ClusterConnection(host, target);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var reason = exception is OperationCanceledException ? $"no answer within {settings.ConnectTimeout.TotalSeconds:0} s" : exception.Message;
            throw new ClusterUnreachableException($"cannot reach the cluster at {target}: {reason}", exception);
        }
    }

    private static async Task<IPEndPoint[]> ResolveAsync(IReadOnlyList<string> gateways, CancellationToken cancellationToken)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var gateway in gateways)
        {
            var colon = gateway.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(gateway[(colon + 1)..], out var port) || port is < 1 or > 65535)
            {
                throw new CliInputException($"--gateway '{gateway}' is not host:port.");
            }

            var host = gateway[..colon];
            if (IPAddress.TryParse(host, out var address))
            {
                endpoints.Add(new IPEndPoint(address, port));
                continue;
            }

            try
            {
                var addresses = await Dns.GetHostAddressesAsync(host, AddressFamily.InterNetwork, cancellationToken);
                endpoints.Add(new IPEndPoint(addresses.First(), port));
            }
            catch (Exception exception) when (exception is SocketException or InvalidOperationException)
            {
                throw new ClusterUnreachableException($"cannot resolve the gateway host '{host}'.", exception);
            }
        }

        return [.. endpoints];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(limit.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or OrleansException)
        {
            // Leaving a cluster that went away: nothing to tidy.
        }

        _host.Dispose();
    }
}
