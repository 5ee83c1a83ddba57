using Microsoft.Extensions.Logging;

namespace Orleans.Jobs;

/// <summary>What a job instance knows about the run it works for, and the engine services it may use.</summary>
public interface IJobContext
{
    /// <summary>The job's id.</summary>
    string JobId { get; }

    /// <summary>The run's id: <c>{jobId}/{generation}/{occurrence}</c>.</summary>
    string RunId { get; }

    /// <summary>The attempt number, from 1; a retry of the same run has the same run id and attempt + 1.</summary>
    int Attempt { get; }

    /// <summary>The run's occurrence: a UTC fire time (<c>yyyyMMddTHHmmss.fffZ</c>) or <c>manual-{key}</c>.</summary>
    string Occurrence { get; }

    /// <summary>The scheduled fire time, or the trigger time for a manual run.</summary>
    DateTimeOffset OccurrenceTime { get; }

    /// <summary>The run's parameters.</summary>
    JobParameters Parameters { get; }

    /// <summary>A logger whose lines are kept with the run (and also go to the silo's log).</summary>
    ILogger Logger { get; }

    /// <summary>Signalled when the run is terminated; steps should stop cooperatively.</summary>
    CancellationToken RunCancelled { get; }

    /// <summary>The engine's clock; use it instead of reading the system clock so tests can fake time.</summary>
    TimeProvider Time { get; }

    /// <summary>The job's key-value store: values that persist across its runs.</summary>
    IJobKeyValueStore Store { get; }

    /// <summary>Activity notifications for the people who watch the job.</summary>
    IJobNotifier Notifications { get; }

    /// <summary>When this job code runs as an item of a payload run: that run, and the way to add items to it. Else null.</summary>
    IPayloadItemContext? PayloadItem => null;

    /// <summary>
    /// Creates a batcher that flushes when <paramref name="size"/> items are buffered. The engine also flushes it
    /// before every checkpoint, so a resumed run never loses buffered items.
    /// </summary>
    Batcher<T> CreateBatcher<T>(int size, Func<IReadOnlyList<T>, CancellationToken, Task> flush);
}
