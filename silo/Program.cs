using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Samples.OfflineStores;
using Orleans.Jobs.Silo.Demo;
using Orleans.Jobs.Silo.SampleJobs;

// The main command: a local silo with in-memory storage that runs the sample import by hand, then the offline-store
// import on a cron schedule, and shows every fire and step. (Azure Storage and multi-silo clustering come next.)
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddOptions<DemoOptions>()
    .Bind(builder.Configuration)
    .Bind(builder.Configuration.GetSection("Demo"))
    .Validate(o => o.Runs >= 0, "runs must be 0 (until stopped) or more")
    .Validate(o => o.Records is > 0 and <= 1_000_000, "records must be 1–1000000")
    .Validate(o => o.ScheduledRuns >= 0, "scheduled-runs must be 0 (until stopped) or more")
    .Validate(o => o.EverySeconds is >= 1 and <= 30 && 60 % o.EverySeconds == 0, "every-seconds must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30)")
    .ValidateOnStart();
builder.Services.AddSingleton<SampleWarehouse>();
builder.Services.AddSingleton<InMemoryOfflineStores>();
builder.Services.AddSingleton<IOfflineStoreSource>(sp => sp.GetRequiredService<InMemoryOfflineStores>());
builder.Services.AddSingleton<IOfflineStoreDestination>(sp => sp.GetRequiredService<InMemoryOfflineStores>());
builder.Services.AddSingleton<RunFollower>().AddSingleton<TriggeredDemo>().AddSingleton<ScheduledDemo>();
builder.Services.AddHostedService<DemoRunner>();
builder.UseOrleans(silo => silo
    .UseLocalhostClustering()
    .UseInMemoryStorageForJobs()
    .AddJobs(jobs => jobs
        .Add<SampleImportJob>("sample_import")
        .Add<OfflineStoreImportJob>(OfflineStoreImportJob.TypeName)));

try
{
    await builder.Build().RunAsync();
}
catch (OptionsValidationException exception)
{
    Console.Error.WriteLine($"Invalid setting: {string.Join("; ", exception.Failures)}");
    return 2;
}

return Environment.ExitCode;
