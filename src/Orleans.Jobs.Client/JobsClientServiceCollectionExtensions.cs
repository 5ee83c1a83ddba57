using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Jobs.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Orleans.Jobs client in a host that has an Orleans client (or is a silo).</summary>
public static class JobsClientServiceCollectionExtensions
{
    /// <summary>Adds <see cref="JobsClient"/>, which talks to the cluster through the host's <c>IGrainFactory</c>.</summary>
    public static IServiceCollection AddOrleansJobsClient(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new JobsClient(sp.GetRequiredService<Orleans.IGrainFactory>()));
        return services;
    }
}
