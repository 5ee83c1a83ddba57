using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Jobs.AzureStorage;

/// <summary>What silos and clients both register to reach the storage account: validated options and the clients.</summary>
internal static class AzureStorageOptionsRegistration
{
    public static void AddAzureStorageJobsOptions(this IServiceCollection services, Action<OptionsBuilder<AzureStorageJobsOptions>> configure)
    {
        configure(services.AddOptions<AzureStorageJobsOptions>().ValidateOnStart());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureStorageJobsOptions>, AzureStorageJobsOptionsValidator>());
        services.TryAddSingleton<AzureStorageClients>();
    }
}
