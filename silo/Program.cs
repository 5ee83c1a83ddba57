using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.Silo;
using Orleans.Jobs.Silo.SampleJobs;

// The main command: a local silo with in-memory storage that runs the sample job and shows its steps.
// (Azure Storage and multi-silo clustering arrive with the storage providers.)
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddOptions<DemoOptions>()
    .Bind(builder.Configuration)
    .Bind(builder.Configuration.GetSection("Demo"))
    .Validate(o => o.Runs >= 0, "runs must be 0 (until stopped) or more")
    .Validate(o => o.Records is > 0 and <= 1_000_000, "records must be 1–1000000")
    .ValidateOnStart();
builder.Services.AddSingleton<SampleWarehouse>();
builder.Services.AddHostedService<DemoRunner>();
builder.UseOrleans(silo => silo
    .UseLocalhostClustering()
    .UseInMemoryStorageForJobs()
    .AddJobs(jobs => jobs.Add<SampleImportJob>("sample_import")));

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
