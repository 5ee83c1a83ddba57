using Hangfire;
using Hangfire.InMemory;
using Hangfire.Server;

namespace Orleans.Jobs.Benchmarks.Systems;

/// <summary>Hangfire with Hangfire.InMemory storage and a server of the benchmark's worker count.</summary>
internal sealed class HangfirePeer : IDisposable
{
    private readonly int _workers;
    private BackgroundJobServer? _server;

    private HangfirePeer(int workers, JobStorage storage)
    {
        _workers = workers;
        Storage = storage;
        Client = new BackgroundJobClient(Storage);
        Recurring = new RecurringJobManager(Storage);
    }

    public JobStorage Storage { get; }

    public BackgroundJobClient Client { get; }

    public RecurringJobManager Recurring { get; }

    /// <summary>A client on fresh storage; no server yet, so jobs enqueued before <see cref="Start"/> wait together.</summary>
    public static HangfirePeer Create(int workers) => new(workers, new InMemoryStorage());

    /// <summary>As <see cref="Create"/>, on PostgreSQL (Hangfire.PostgreSql makes its own schema).</summary>
    public static HangfirePeer CreateOnPostgres(int workers, string connectionString)
    {
        var options = new Hangfire.PostgreSql.PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(50) };
        return new(workers, new Hangfire.PostgreSql.PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options), options));
    }

    /// <summary>Starts the server; recurring and scheduled jobs are polled every <paramref name="schedulePolling"/>.</summary>
    public void Start(TimeSpan schedulePolling) => _server = new BackgroundJobServer(
        new BackgroundJobServerOptions
        {
            WorkerCount = _workers,
            SchedulePollingInterval = schedulePolling,
            ServerCheckInterval = TimeSpan.FromSeconds(5),
            HeartbeatInterval = TimeSpan.FromSeconds(5),
        },
        Storage);

    public void Dispose()
    {
        _server?.SendStop();
        _server?.Dispose();
        (Storage as IDisposable)?.Dispose();
    }

    /// <summary>The job methods (public and static, as Hangfire serializes calls to them).</summary>
    public static class Jobs
    {
        public static void Noop() => WorkLedger.Executed();

        public static void Triggered(string key)
        {
            WorkLedger.Started(key);
            WorkLedger.Executed();
        }

        /// <summary>The durable run's first step (its Prepare): the chain's next job continues from it.</summary>
        public static void Prepare(string key) => WorkLedger.Started(key);

        /// <summary>A durable run's Perform <paramref name="step"/> of 2; the second counts the run.</summary>
        public static void Perform(string key, int step)
        {
            if (step == 2)
            {
                WorkLedger.Finished(key);
                WorkLedger.Executed();
            }
        }

        /// <summary>A recurring fire: its scheduled time is the job parameter Hangfire's recurring scheduler sets.</summary>
        public static void Fired(string job, PerformContext? context)
        {
            var began = DateTimeOffset.UtcNow;
            var time = context?.GetJobParameter<long?>("Time");
            WorkLedger.Fired(job, time is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : began, began);
            WorkLedger.Executed();
        }
    }
}
