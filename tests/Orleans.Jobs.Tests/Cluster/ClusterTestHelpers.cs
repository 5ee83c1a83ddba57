using System.Diagnostics;

namespace Orleans.Jobs.Tests.Cluster;

internal static class ClusterTestHelpers
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Polls until <paramref name="condition"/> holds, failing with the last value after <paramref name="timeout"/>.</summary>
    public static async Task<T> WaitUntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit} waiting for {what ?? "a condition"}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits for the run to finish. A call lost with a silo a test has just killed (it waits out the response timeout,
    /// or is refused) is read through: what is asserted is the run, not one call's luck with the dying silo.
    /// </summary>
    public static async Task<RunSnapshot> WaitForFinishAsync(this IRunGrain run, TimeSpan? timeout = null) =>
        (await WaitUntilAsync(() => WaitOrNullAsync(run), s => s?.IsFinished == true, timeout, "the run to finish"))!;

    private static async Task<RunSnapshot?> WaitOrNullAsync(IRunGrain run)
    {
        try
        {
            return await run.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is TimeoutException or Runtime.SiloUnavailableException or Runtime.OrleansMessageRejectionException)
        {
            return null;
        }
    }

    public static JobDefinition StepRecorder(string id, object parameters, RetryPolicy? retry = null, TimeSpan? stepDeadline = null) => new()
    {
        Id = id,
        Type = "step_recorder",
        Parameters = JobParameters.From(parameters),
        Retry = retry ?? new RetryPolicy { MaximumAttempts = 2, InitialInterval = TimeSpan.FromMilliseconds(100) },
        StepDeadline = stepDeadline ?? TimeSpan.FromSeconds(30),
    };

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 128)];
}
