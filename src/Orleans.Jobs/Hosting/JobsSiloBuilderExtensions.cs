using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Jobs.Catalog;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Events;
using Orleans.Jobs.Logs;
using Orleans.Jobs.Payloads;
using Orleans.Jobs.Results;
using Orleans.Jobs.Scheduling;
using Orleans.Jobs.Storage;
using Orleans.Jobs.Webhooks;
using Orleans.Runtime.Hosting;

namespace Orleans.Jobs.Hosting;

/// <summary>Adds Orleans.Jobs to a silo and picks its storage.</summary>
public static class JobsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the Orleans.Jobs engine (idempotent) and registers job types:
    /// <c>silo.AddJobs(jobs =&gt; jobs.Add&lt;OfflineStoreImport&gt;("offline_store_import"))</c>.
    /// Storage comes from a <c>Use…ForJobs</c> call.
    /// </summary>
    public static ISiloBuilder AddJobs(this ISiloBuilder builder, Action<JobTypesBuilder>? configure = null, Action<JobsOptions>? options = null)
    {
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(JobTypeRegistry)))
        {
            builder.AddReminders();
            services.AddOptions<JobsOptions>();
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddKeyedSingleton<TimeProvider>(JobsTime.Key, static (sp, _) => sp.GetRequiredService<TimeProvider>());
            services.AddSingleton<JobTypeRegistry>();
            services.AddSingleton<JobDefinitionValidator>();
            services.AddSingleton<SchedulePlanner>();
            services.AddSingleton<BackfillPlanner>();
            services.AddSingleton<CatalogUpdateQueue>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<CatalogUpdateQueue>());
            services.AddSingleton<IConfigurationValidator, JobsOptionsValidator>();
            services.AddSingleton<WebhookSubscriptionCache>();
            services.AddKeyedSingleton<Orleans.Providers.IControllable>(
                WebhookSubscriptionCache.ProviderName, (sp, _) => sp.GetRequiredService<WebhookSubscriptionCache>());
            services.AddSingleton<JobEventPublisher>();
            services.AddOptions<WebhookOptions>();
            services.AddSingleton<IConfigurationValidator, WebhookOptionsValidator>();
            services.AddSingleton<WebhookSecretProtector>();
            services.AddSingleton<WebhookSender>();
            services.AddSingleton<EventDeliveryTerms>();
            services.AddSingleton<IWebhookDeliveryTerms, ResultDeliveryTerms>();
            services.AddSingleton<RunResultDelivery>();
            services.AddHttpClient(WebhookSender.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
            services.AddSingleton(new JobTypeRegistration(PayloadTypes.Payload, typeof(PayloadJob)));
            services.AddSingleton<HttpItemRunner>();
            services.AddHttpClient(HttpItemRunner.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        }

        if (options is not null)
        {
            services.Configure(options);
        }

        configure?.Invoke(new JobTypesBuilder(services));
        return builder;
    }

    /// <summary>
    /// Keeps everything in <paramref name="store"/> (a new one when null): grain state, reminders, catalog, results
    /// and run logs. For tests and the throwaway local mode; share one store among the silos of a test cluster.
    /// </summary>
    public static ISiloBuilder UseInMemoryStorageForJobs(this ISiloBuilder builder, InMemoryJobsStore? store = null)
    {
        store ??= new InMemoryJobsStore();
        var services = builder.Services;
        services.AddSingleton(store);
        services.TryAddSingleton<JsonGrainStateSerializer>();
        services.AddGrainStorage(JobsStorageNames.GrainStorage,
            (sp, _) => new InMemoryGrainStorage(store, sp.GetRequiredService<JsonGrainStateSerializer>()));
        services.AddSingleton<IReminderTable>(new InMemoryReminderTable(store));
        services.AddSingleton<IJobCatalog>(store.Catalog);
        services.AddSingleton<IRunResultSink>(store.Results);
        services.AddSingleton<IRunLogStore>(store.Logs);
        return builder;
    }
}
