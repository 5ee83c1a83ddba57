using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Diagnostics;

namespace Orleans.Jobs.Silo.Hosting;

/// <summary>
/// The silo's HTTP endpoint (<see cref="SiloSettings.HealthPort"/>): <c>/health/live</c> answers while the process
/// serves requests; <c>/health/ready</c> answers 200 only while the silo is Active in the cluster and (for Azure
/// storage) its storage answers, 503 otherwise; <c>/metrics</c> is the Prometheus scrape. Health answers are JSON
/// with each check's status and reason.
/// </summary>
internal static class SiloHttpEndpoints
{
    public const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static WebApplicationBuilder AddSiloHttpEndpoints(this WebApplicationBuilder builder, SiloSettings silo, StorageMode mode)
    {
        if (!IPAddress.TryParse(silo.HealthAddress, out var address))
        {
            throw new InvalidOperationException($"Invalid setting Silo:HealthAddress '{silo.HealthAddress}': use an IP address such as 127.0.0.1 or 0.0.0.0.");
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, silo.HealthPort));
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<SiloMembershipHealthCheck>(SiloMembershipHealthCheck.Name, tags: [ReadyTag]);
        if (mode != StorageMode.InMemory)
        {
            checks.AddCheck<AzureStorageHealthCheck>(AzureStorageHealthCheck.Name, tags: [ReadyTag]);
        }

        return builder;
    }

    public static WebApplication MapSiloHttpEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, _json), context.RequestAborted);
    }
}
