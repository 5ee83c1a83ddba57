using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Samples.Countdown;
using Orleans.Jobs.Samples.OfflineStores;
using Orleans.Jobs.Silo.Demo;
using Orleans.Jobs.Silo.Hosting;
using Orleans.Jobs.Webhooks;

// The main command: a silo with its data in Azure Storage (by default on a local Azurite it starts itself) that puts the
// seed's offline-store import on a cron schedule and shows every fire, step and imported store.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--runs"] = "Demo:Runs",
    ["--every-seconds"] = "Demo:EverySeconds",
    ["--storage"] = "Storage:Mode",
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // start-up failures are reported below, once

StorageMode mode;
try
{
    mode = builder.Configuration.GetValue("Storage:Mode", StorageMode.Azurite);
}
catch (InvalidOperationException)
{
    Console.Error.WriteLine($"Invalid setting Storage:Mode '{builder.Configuration["Storage:Mode"]}': use {string.Join(", ", Enum.GetNames<StorageMode>())}.");
    return 2;
}

LocalAzurite? azurite = null;
try
{
    azurite = mode == StorageMode.Azurite ? await LocalAzurite.StartAsync(CancellationToken.None) : null;
}
catch (InvalidOperationException exception)
{
    Console.Error.WriteLine($"Azurite could not start: {exception.Message}");
    return 2;
}

await using var stopAzurite = azurite;
if (azurite is not null)
{
    builder.Configuration["Storage:ConnectionString"] = azurite.ConnectionString;
    Console.WriteLine("Azurite is up (data in azurite/.data/silo).");
}

builder.Services.AddOptions<SiloSettings>().BindConfiguration("Silo").ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<DemoOptions>()
    .Bind(builder.Configuration.GetSection("Demo"))
    .Validate(o => o.Runs >= 0, "runs must be 0 (until stopped) or more")
    .Validate(o => o.EverySeconds is >= 1 and <= 30 && 60 % o.EverySeconds == 0, "every-seconds must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30)")
    .ValidateOnStart();
builder.Services.Configure<JobsOptions>(builder.Configuration.GetSection("Jobs"));
builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection("Webhooks"));
builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Silo:Membership"));
builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection("Silo:Reminders"));
builder.Services.AddOfflineStoreSample(mode, runDemo: builder.Configuration.GetValue("Demo:Enabled", true));

var silo = builder.Configuration.GetSection("Silo").Get<SiloSettings>() ?? new SiloSettings();
if (silo.Clustering == ClusteringMode.Table && mode == StorageMode.InMemory)
{
    Console.Error.WriteLine("Invalid setting Silo:Clustering 'Table': Table clustering needs Storage:Mode Azurite or Azure.");
    return 2;
}

try
{
    builder.AddSiloHttpEndpoints(silo, mode);
}
catch (InvalidOperationException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

builder.Services.AddSiloTelemetry(silo, exportOtlp: !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]));

builder.UseOrleans(orleans =>
{
    if (silo.Clustering == ClusteringMode.Table)
    {
        orleans.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (silo.ClusterId, silo.ServiceId));
        orleans.ConfigureEndpoints(silo.AdvertisedAddress, silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
        orleans.UseAzureTableClusteringForJobs();
    }
    else
    {
        orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
    }

    if (mode == StorageMode.InMemory)
    {
        orleans.UseInMemoryStorageForJobs();
    }
    else
    {
        orleans.UseAzureStorageForJobs(builder.Configuration.GetSection("Storage"));
    }

    orleans.AddActivityPropagation();
    orleans.AddJobs(jobs => jobs
        .Add<OfflineStoreImportJob>(OfflineStoreImportJob.TypeName)
        .Add<CountdownJob>(CountdownJob.TypeName));
});

try
{
    var app = builder.Build();
    app.MapSiloHttpEndpoints();
    await app.RunAsync();
}
catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"Silo:HealthPort {silo.HealthPort} on {silo.HealthAddress} is in use: choose another (Silo__HealthPort).");
    return 2;
}
catch (OptionsValidationException exception)
{
    Console.Error.WriteLine($"Invalid setting: {string.Join("; ", exception.Failures)}");
    return 2;
}
catch (OrleansConfigurationException exception)
{
    Console.Error.WriteLine($"Invalid configuration: {exception.Message}");
    return 2;
}

return Environment.ExitCode;
