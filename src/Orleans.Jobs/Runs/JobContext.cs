using Microsoft.Extensions.Logging;
using Orleans.Jobs.Logs;
using Orleans.Jobs.Services;

namespace Orleans.Jobs.Runs;

/// <summary>
/// The <see cref="IJobContext"/> of one job instance; tracks the batchers it made so the engine can flush them. The
/// one place a job's context is put together: <see cref="InCluster"/> for runs and payload items, the constructor
/// for the test kit's in-memory store and notifications.
/// </summary>
internal sealed class JobContext(
    JobWork work,
    RunLogger logger,
    TimeProvider time,
    CancellationToken runCancelled,
    IJobKeyValueStore store,
    IJobNotifier notifications,
    PayloadDefinition? payload = null,
    IPayloadItemContext? payloadItem = null) : IJobContext
{
    private readonly List<IBatcherFlush> _batchers = [];

    /// <summary>A context in the cluster: the job's key-value store and its notifications go through the job's grains.</summary>
    public static JobContext InCluster(
        IGrainFactory grains,
        JobWork work,
        RunLogger logger,
        TimeProvider time,
        CancellationToken runCancelled,
        PayloadDefinition? payload = null,
        IPayloadItemContext? payloadItem = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(work);
        return new JobContext(
            work,
            logger,
            time,
            runCancelled,
            new GrainJobKeyValueStore(grains, work.JobId),
            new GrainJobNotifier(grains, work.JobId, work.RunId, time),
            payload,
            payloadItem);
    }

    public string JobId => work.JobId;

    public string RunId => work.RunId;

    public int Attempt => work.Attempt;

    public string Occurrence => work.Occurrence;

    public DateTimeOffset OccurrenceTime => work.OccurrenceTime;

    public JobParameters Parameters => work.Parameters;

    public ILogger Logger => logger;

    public CancellationToken RunCancelled => runCancelled;

    public TimeProvider Time => time;

    public IJobKeyValueStore Store => store;

    public IJobNotifier Notifications => notifications;

    public IPayloadItemContext? PayloadItem => payloadItem;

    /// <summary>The payload of the run's definition, for the built-in payload job type.</summary>
    public PayloadDefinition? Payload => payload;

    public Batcher<T> CreateBatcher<T>(int size, Func<IReadOnlyList<T>, CancellationToken, Task> flush)
    {
        var batcher = new Batcher<T>(size, flush);
        lock (_batchers)
        {
            _batchers.Add(batcher);
        }

        return batcher;
    }

    /// <summary>Flushes every batcher; called before each checkpoint so a resumed run loses no buffered item.</summary>
    public async Task FlushBatchersAsync(CancellationToken cancellationToken)
    {
        IBatcherFlush[] batchers;
        lock (_batchers)
        {
            batchers = [.. _batchers];
        }

        foreach (var batcher in batchers)
        {
            await batcher.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
