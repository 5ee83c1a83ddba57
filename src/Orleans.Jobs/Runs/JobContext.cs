using Microsoft.Extensions.Logging;
using Orleans.Jobs.Logs;

namespace Orleans.Jobs.Runs;

/// <summary>The <see cref="IJobContext"/> of one job instance; tracks the batchers it made so the engine can flush them.</summary>
internal sealed class JobContext(
    string jobId,
    string runId,
    string occurrence,
    DateTimeOffset occurrenceTime,
    JobParameters parameters,
    RunLogger logger,
    TimeProvider time,
    CancellationToken runCancelled,
    int attempt,
    IJobKeyValueStore store,
    IJobNotifier notifications,
    PayloadDefinition? payload = null,
    IPayloadItemContext? payloadItem = null) : IJobContext
{
    private readonly List<IBatcherFlush> _batchers = [];

    public string JobId => jobId;

    public string RunId => runId;

    public int Attempt => attempt;

    public string Occurrence => occurrence;

    public DateTimeOffset OccurrenceTime => occurrenceTime;

    public JobParameters Parameters => parameters;

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
