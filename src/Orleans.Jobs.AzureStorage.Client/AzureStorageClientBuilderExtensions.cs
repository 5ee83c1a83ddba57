using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Jobs.AzureStorage;
using Orleans.Messaging;

namespace Orleans.Hosting;

/// <summary>Lets a grain client find an Orleans.Jobs cluster through its Table membership.</summary>
public static class AzureStorageClientBuilderExtensions
{
    /// <summary>Finds gateways in the membership table of the given storage account.</summary>
    public static IClientBuilder UseAzureTableClusteringForJobs(this IClientBuilder builder, Action<AzureStorageJobsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseAzureTableClusteringForJobs(options => options.Configure(configure));
    }

    /// <summary>As above, with the storage settings bound from a configuration section.</summary>
    public static IClientBuilder UseAzureTableClusteringForJobs(this IClientBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseAzureTableClusteringForJobs(options => options.Bind(section));
    }

    private static IClientBuilder UseAzureTableClusteringForJobs(this IClientBuilder builder, Action<OptionsBuilder<AzureStorageJobsOptions>> configure)
    {
        builder.Services.AddAzureStorageJobsOptions(configure);
        builder.Services.AddSingleton<IGatewayListProvider, TableGatewayListProvider>();
        return builder;
    }
}
