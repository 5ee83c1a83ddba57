using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Jobs.Diagnostics;

namespace Orleans.Jobs.Silo.Hosting;

/// <summary>
/// OpenTelemetry for the silo: the <c>Orleans.Jobs</c> meter and activity source, Orleans' own meters and activity
/// sources, and .NET runtime metrics. Metrics are served to Prometheus at <c>/metrics</c>; metrics and traces also go to an
/// OTLP collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard OpenTelemetry variables apply).
/// </summary>
internal static class SiloTelemetry
{
    public static IServiceCollection AddSiloTelemetry(this IServiceCollection services, SiloSettings silo, bool exportOtlp)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService("orleans-jobs-silo", serviceInstanceId: $"{silo.AdvertisedAddress}:{silo.SiloPort}")
                .AddAttributes([new("orleans.cluster_id", silo.ClusterId), new("orleans.service_id", silo.ServiceId)]))
            .WithMetrics(metrics => metrics
                .AddMeter(JobsInstrumentation.Name, "Microsoft.Orleans")
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(JobsInstrumentation.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"));
        if (exportOtlp)
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
