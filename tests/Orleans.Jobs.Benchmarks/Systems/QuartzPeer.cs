using Quartz;

namespace Orleans.Jobs.Benchmarks.Systems;

/// <summary>Quartz.NET with its in-memory job store (RAMJobStore) and a thread pool of the benchmark's worker count.</summary>
internal sealed class QuartzPeer : IAsyncDisposable
{
    private QuartzPeer(IScheduler scheduler) => Scheduler = scheduler;

    public IScheduler Scheduler { get; }

    /// <summary>Builds a scheduler in standby: jobs scheduled before <see cref="StartAsync"/> are due together.</summary>
    public static async Task<QuartzPeer> CreateAsync(int workers, CancellationToken cancellationToken)
    {
        var scheduler = await QuartzSchedulerBuilder.Create(quartz =>
        {
            quartz.UseInMemoryStore(_ => { });
            quartz.UseDefaultThreadPool(workers);
        }).BuildScheduler(cancellationToken);
        return new QuartzPeer(scheduler);
    }

    /// <summary>
    /// As <see cref="CreateAsync"/>, on PostgreSQL through the AdoJobStore, which provisions its own schema at start.
    /// </summary>
    public static async Task<QuartzPeer> CreateOnPostgresAsync(int workers, string connectionString, CancellationToken cancellationToken)
    {
        var scheduler = await QuartzSchedulerBuilder.Create(quartz =>
        {
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(Npgsql.NpgsqlFactory.Instance, connectionString);
                store.ProvisionSchema();
            });
            quartz.UseDefaultThreadPool(workers);
        }).BuildScheduler(cancellationToken);
        return new QuartzPeer(scheduler);
    }

    public async Task StartAsync(CancellationToken cancellationToken) => await Scheduler.Start(cancellationToken);

    public async ValueTask DisposeAsync() => await Scheduler.Shutdown(waitForJobsToComplete: false);

    /// <summary>The no-op: notes its start and lateness, counts the execution.</summary>
    public sealed class NoopJob : Quartz.IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            var key = context.MergedJobDataMap.GetString("key");
            if (key is not null)
            {
                WorkLedger.Started(key);
            }

            if (context.MergedJobDataMap.ContainsKey("punctual"))
            {
                WorkLedger.Fired(context.JobDetail.Key.Name, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, DateTimeOffset.UtcNow);
            }

            WorkLedger.Executed();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// A durable run as Quartz keeps one: the same job fired three times by one trigger, never two at once, its job
    /// data (the step reached) stored after every execution — Prepare, then two Performs.
    /// </summary>
    [PersistJobDataAfterExecution]
    [DisallowConcurrentExecution]
    public sealed class DurableStepJob : Quartz.IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            var key = context.JobDetail.Key.Name;
            var step = context.JobDetail.JobDataMap.TryGetInt("step", out var stored) ? stored : 0;
            if (step == 0)
            {
                WorkLedger.Started(key);
            }
            else if (step == 2)
            {
                WorkLedger.Finished(key);
                WorkLedger.Executed();
            }

            context.JobDetail.JobDataMap["step"] = step + 1;
            return ValueTask.CompletedTask;
        }
    }
}
