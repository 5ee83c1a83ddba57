using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Jobs.Samples.Countdown;
using Orleans.Jobs.Tests.Azure;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.TestSupport;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Processes;

/// <summary>
/// A real silo process's HTTP endpoint, over real HTTP: liveness, readiness with the membership and storage checks,
/// and the Prometheus scrape counting the work the silo did; a port already taken stops the silo with a clear message. (Readiness failing while storage stalls is shown by
/// <see cref="ChaosTests"/>.)
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloHttpEndpointTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TheSilo_ReportsLiveAndReady_AndCountsItsRunsForPrometheus()
    {
        var clusterId = $"h{Guid.NewGuid():N}"[..12];
        var settings = ProcessCluster.Settings(azurite.ConnectionString, clusterId);
        await using var silo = SiloProcess.Start(settings);
        using var client = await ProcessCluster.ConnectAsync(settings, azurite.ConnectionString, [silo], _patience);

        var live = await silo.GetAsync("/health/live");
        var ready = await WaitUntilAsync(() => silo.GetAsync("/health/ready"), r => r.Status == HttpStatusCode.OK, _patience, "the silo to be ready");
        var checks = JsonDocument.Parse(ready.Body).RootElement.GetProperty("checks");

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("Healthy", checks.GetProperty("orleans-silo").GetProperty("status").GetString());
        Assert.Equal("Active", checks.GetProperty("orleans-silo").GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("azure-storage").GetProperty("status").GetString());

        var grains = client.Services.GetRequiredService<IClusterClient>();
        var job = grains.GetGrain<IJobGrain>("metered");
        await job.CreateAsync(new JobDefinition { Id = "metered", Type = CountdownJob.TypeName, Parameters = JobParameters.From(new { steps = 3, stepMs = 50 }) });
        var run = await job.TriggerAsync(new TriggerRequest { IdempotencyKey = "once" });
        var finished = await WaitUntilAsync(() => grains.GetGrain<IRunGrain>(run.RunId).WaitAsync(TimeSpan.FromSeconds(5)), s => s.IsFinished, _patience, "the run to finish");
        Assert.Equal(RunStatus.Completed, finished.Status);

        var (status, metrics) = await silo.GetAsync("/metrics");
        var lines = metrics.Split('\n');
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, Sample(lines, "orleans_jobs_runs_started_total", "orleans_jobs_job_type=\"countdown\""));
        Assert.Equal(1, Sample(lines, "orleans_jobs_runs_finished_total", "status=\"Completed\""));
        // The countdown performs its 3 steps and then a last Perform that reports it complete.
        Assert.Equal(4, Sample(lines, "orleans_jobs_step_duration_milliseconds_count", "phase=\"perform\""));
        Assert.Equal(1, Sample(lines, "orleans_jobs_schedule_lateness_milliseconds_count", "orleans_jobs_job_type=\"countdown\""));
        Assert.Equal(5, Sample(lines, "orleans_jobs_checkpoint_duration_milliseconds_count", "orleans_jobs_job_type=\"countdown\""));
        Assert.Contains(lines, l => l.StartsWith("dotnet_gc_collections_total", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHealthPortInUse_StopsTheSilo_WithAMessageNamingTheSetting()
    {
        using var squatter = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Storage:Mode"] = "InMemory",
            ["Demo:Enabled"] = "false",
            ["Silo:HealthPort"] = port,
        });

        var exitCode = await silo.WaitForExitAsync(_patience);

        Assert.Equal(2, exitCode);
        Assert.Contains($"Silo:HealthPort {port} on 127.0.0.1 is in use", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", silo.Output, StringComparison.Ordinal);
    }

    /// <summary>The value of the one sample of <paramref name="metric"/> whose labels include <paramref name="label"/>.</summary>
    private static double Sample(string[] lines, string metric, string label)
    {
        var sample = Assert.Single(lines, l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        return double.Parse(sample[(sample.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
