using Microsoft.Extensions.DependencyInjection;
using Orleans.Jobs.Configuration;

namespace Orleans.Jobs.Hosting;

/// <summary>Registers job types with a silo: <c>jobs.Add&lt;OfflineStoreImport&gt;("offline_store_import")</c>.</summary>
public sealed class JobTypesBuilder
{
    internal JobTypesBuilder(IServiceCollection services) => Services = services;

    /// <summary>The silo's services, for the job types' own dependencies.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers <typeparamref name="TJob"/> under <paramref name="name"/>; instances are made per run activation from DI.</summary>
    public JobTypesBuilder Add<TJob>(string name) where TJob : class, IJob
    {
        JobIds.Validate(name, "job type name");
        Services.AddSingleton(new JobTypeRegistration(name, typeof(TJob)));
        return this;
    }
}
