using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Catalog;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Logs;
using Orleans.Jobs.Results;
using Orleans.Jobs.Storage;
using Orleans.Runtime.Hosting;

namespace Orleans.Hosting;

/// <summary>Puts everything Orleans.Jobs keeps durably into Azure Storage.</summary>
public static class AzureStorageSiloBuilderExtensions
{
    /// <summary>
    /// Keeps grain state in Blob storage, reminders in a Table, results and run logs in Blob storage (with retention),
    /// and the job catalog in Tables. Containers and tables are created at start-up; invalid options fail start-up
    /// naming the setting.
    /// </summary>
    public static ISiloBuilder UseAzureStorageForJobs(this ISiloBuilder builder, Action<AzureStorageJobsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseAzureStorageForJobs(options => options.Configure(configure));
    }

    /// <summary>As <see cref="UseAzureStorageForJobs(ISiloBuilder, Action{AzureStorageJobsOptions})"/>, bound from a configuration section.</summary>
    public static ISiloBuilder UseAzureStorageForJobs(this ISiloBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseAzureStorageForJobs(options => options.Bind(section));
    }

    /// <summary>
    /// Cluster membership in a Table of the account <see cref="UseAzureStorageForJobs(ISiloBuilder, Action{AzureStorageJobsOptions})"/>
    /// configured: silo processes with the same cluster id form one cluster, with no primary.
    /// </summary>
    public static ISiloBuilder UseAzureTableClusteringForJobs(this ISiloBuilder builder)
    {
        builder.Services.AddSingleton<IMembershipTable, TableMembershipTable>();
        return builder;
    }

    private static ISiloBuilder UseAzureStorageForJobs(this ISiloBuilder builder, Action<OptionsBuilder<AzureStorageJobsOptions>> configure)
    {
        var services = builder.Services;
        services.AddAzureStorageJobsOptions(configure);
        services.TryAddSingleton<JsonGrainStateSerializer>();
        services.AddGrainStorage(JobsStorageNames.GrainStorage, (sp, name) => ActivatorUtilities.CreateInstance<BlobGrainStorage>(sp, name, sp.GetRequiredService<JsonGrainStateSerializer>()));
        services.AddSingleton<IReminderTable, TableReminderTable>();
        services.AddSingleton<IJobCatalog, TableJobCatalog>();
        services.AddSingleton<IRunResultSink, BlobRunResultSink>();
        services.AddSingleton<IRunLogStore, AppendBlobRunLogStore>();
        services.AddSingleton<IHostedService, RunBlobRetention>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AzureStorageInitializer>();
        return builder;
    }
}
