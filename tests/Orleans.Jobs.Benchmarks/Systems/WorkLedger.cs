using System.Collections.Concurrent;
using System.Diagnostics;

namespace Orleans.Jobs.Benchmarks.Systems;

/// <summary>
/// What the jobs themselves record, whichever scheduler runs them: how many executed, when (a monotonic clock), and
/// for scheduled fires how late and which fire. Static because Hangfire runs static methods.
/// </summary>
internal static class WorkLedger
{
    private static long _executions;
    private static long _lastTicks;

    public static ConcurrentBag<Fire> Fires { get; } = [];

    public static ConcurrentDictionary<string, long> Starts { get; } = new();

    /// <summary>When each keyed execution finished, in <see cref="Stopwatch"/> ticks.</summary>
    public static ConcurrentDictionary<string, long> Finishes { get; } = new();

    private static readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _startWaiters = new();

    public static long Executions => Interlocked.Read(ref _executions);

    /// <summary>When the latest execution was counted, in <see cref="Stopwatch"/> ticks.</summary>
    public static long LastTicks => Interlocked.Read(ref _lastTicks);

    public static void Reset()
    {
        Interlocked.Exchange(ref _executions, 0);
        Interlocked.Exchange(ref _lastTicks, 0);
        Fires.Clear();
        Starts.Clear();
        Finishes.Clear();
        _startWaiters.Clear();
    }

    /// <summary>Completes with the <see cref="Stopwatch"/> ticks at which the execution keyed <paramref name="key"/> began.</summary>
    public static Task<long> WaitForStartAsync(string key) =>
        Starts.TryGetValue(key, out var at) ? Task.FromResult(at) : Waiter(key).Task;

    private static TaskCompletionSource<long> Waiter(string key)
    {
        var waiter = _startWaiters.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Starts.TryGetValue(key, out var at))
        {
            waiter.TrySetResult(at);
        }

        return waiter;
    }

    /// <summary>Waits until <paramref name="count"/> executions are counted, or throws after <paramref name="timeout"/>.</summary>
    public static async Task WaitForExecutionsAsync(long count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (Executions < count)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{Executions} of {count} executions counted after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    public static void Finished(string key) => Finishes.TryAdd(key, Stopwatch.GetTimestamp());

    public static void Executed()
    {
        Interlocked.Increment(ref _executions);
        var now = Stopwatch.GetTimestamp();
        long last;
        do
        {
            last = Interlocked.Read(ref _lastTicks);
        }
        while (now > last && Interlocked.CompareExchange(ref _lastTicks, now, last) != last);
    }

    /// <summary>A scheduled fire: which job, which occurrence, and how late its work began.</summary>
    public static void Fired(string job, DateTimeOffset occurrence, DateTimeOffset began) =>
        Fires.Add(new Fire(job, occurrence, (began - occurrence).TotalMilliseconds));

    /// <summary>The moment a triggered execution began (Prepare, Execute, Perform), by a key the trigger chose.</summary>
    public static void Started(string key)
    {
        var at = Stopwatch.GetTimestamp();
        if (Starts.TryAdd(key, at) && _startWaiters.TryGetValue(key, out var waiter))
        {
            waiter.TrySetResult(at);
        }
    }

    public sealed record Fire(string Job, DateTimeOffset Occurrence, double LatenessMs);
}
