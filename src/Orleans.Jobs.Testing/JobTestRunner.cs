using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Logs;
using Orleans.Jobs.Runs;

namespace Orleans.Jobs.Testing;

/// <summary>
/// Runs a job type the way the engine does — Prepare, then Perform steps, batchers flushed at the end of each step,
/// a JSON checkpoint committed after each — on a fake clock, in one process. Forced evictions lose a step's
/// checkpoint after the step did its work, then resume with a new instance from the last committed checkpoint,
/// as after a silo's death.
/// </summary>
/// <typeparam name="TJob">The job type under test.</typeparam>
public sealed class JobTestRunner<TJob> where TJob : class, IJob
{
    private readonly ServiceCollection _services = new();
    private readonly HashSet<long> _evictDuringSteps = [];

    /// <summary>Creates a runner; <paramref name="configureServices"/> registers the job's dependencies.</summary>
    public JobTestRunner(Action<IServiceCollection>? configureServices = null)
    {
        configureServices?.Invoke(_services);
        Notifications = new RecordingJobNotifier(Time);
    }

    /// <summary>
    /// The clock the job sees. Starts at 2026-01-01T00:00Z. Sleep statuses advance it instead of waiting, and while a
    /// step waits on one of its timers (<c>Task.Delay(…, Context.Time)</c>) it moves straight to that timer.
    /// </summary>
    public JobTestClock Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// How long (real time) a step must sit idle before the clock jumps to its next timer. Default 5 ms; raise it
    /// when a step does real I/O that should finish before its fake-clock timeouts fire.
    /// </summary>
    public TimeSpan IdleBeforeClockAdvance { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The job's key-value store. Kept across <see cref="RunAsync"/> calls, as a job's store is across runs.</summary>
    public InMemoryJobKeyValueStore Store { get; } = new();

    /// <summary>The activity notifications the job sent, across runs.</summary>
    public RecordingJobNotifier Notifications { get; }

    /// <summary>The run's parameters. Default none.</summary>
    public JobParameters Parameters { get; set; } = JobParameters.Empty;

    /// <summary>The job id the context reports. Default <c>test-job</c>.</summary>
    public string JobId { get; set; } = "test-job";

    /// <summary>Steps after which the runner gives up (a job that never completes). Default 10,000.</summary>
    public long MaximumSteps { get; set; } = 10_000;

    /// <summary>
    /// Forces an eviction during step <paramref name="step"/> (from 1): the step runs, its checkpoint is lost, and a
    /// new instance is prepared from the previous checkpoint, so that step runs again.
    /// </summary>
    public JobTestRunner<TJob> EvictDuringStep(long step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        _evictDuringSteps.Add(step);
        return this;
    }

    /// <summary>Runs the job until it completes.</summary>
    public async Task<JobTestOutcome> RunAsync(CancellationToken cancellationToken = default)
    {
        var services = _services.BuildServiceProvider();
        await using var _ = services.ConfigureAwait(false);
        var registration = new JobTypeRegistration(typeof(TJob).Name, typeof(TJob));
        var logger = new RunLogger(NullLogger.Instance, Time, () => 1);
        var runId = JobIds.RunId(JobId, 1, JobIds.ManualOccurrence("test"));
        var checkpoints = new List<JobCheckpoint>();
        var logs = new List<RunLogLine>();
        var evicted = new HashSet<long>();
        JobCheckpoint? committed = null;
        long steps = 0, performCalls = 0;
        var prepares = 0;

        while (true)
        {
            var work = new JobWork(JobId, runId, JobIds.ManualOccurrence("test"), Time.GetUtcNow(), Parameters, Attempt: 1);
            var context = new JobContext(work, logger, Time, cancellationToken, Store, Notifications);
            var invocation = JobInvocation.Create(services, registration, context);
            await using var __ = invocation.ConfigureAwait(false);
            prepares++;
            var current = Commit(await WithVirtualTimeAsync(invocation.PrepareAsync(committed, cancellationToken)).ConfigureAwait(false));
            var lostStep = false;
            while (!current.Complete)
            {
                if (steps >= MaximumSteps)
                {
                    throw new InvalidOperationException($"{typeof(TJob).Name} did not complete within {MaximumSteps} steps.");
                }

                current = SleepUntilDue(current);
                var next = await WithVirtualTimeAsync(invocation.PerformAsync(current, cancellationToken)).ConfigureAwait(false);
                performCalls++;
                logs.AddRange(logger.Drain());
                if (_evictDuringSteps.Contains(steps + 1) && evicted.Add(steps + 1))
                {
                    lostStep = true;
                    break;
                }

                steps++;
                current = Commit(next);
                committed = current;
                checkpoints.Add(current);
            }

            logs.AddRange(logger.Drain());
            if (!lostStep)
            {
                return new JobTestOutcome
                {
                    Completed = current.Complete,
                    Result = current.Result,
                    Steps = steps,
                    PerformCalls = performCalls,
                    Prepares = prepares,
                    Evictions = evicted.Count,
                    Checkpoints = checkpoints,
                    Logs = logs,
                };
            }
        }
    }

    /// <summary>Waits for a step, moving the clock to the step's next timer whenever it sits idle.</summary>
    private async Task<T> WithVirtualTimeAsync<T>(Task<T> step)
    {
        while (!step.IsCompleted)
        {
            await Task.WhenAny(step, Task.Delay(IdleBeforeClockAdvance)).ConfigureAwait(false);
            if (!step.IsCompleted)
            {
                Time.AdvanceToNextTimer();
            }
        }

        return await step.ConfigureAwait(false);
    }

    /// <summary>Moves the clock past the wait the status asks for; returns the status the next Perform starts from.</summary>
    private JobCheckpoint SleepUntilDue(JobCheckpoint status)
    {
        var result = StepResult.Read(status, Time.GetUtcNow());
        if (result.WaitAt(Time.GetUtcNow()) is var wait && wait > TimeSpan.Zero)
        {
            Time.Advance(wait);
        }

        return result.Checkpoint;
    }

    /// <summary>What the engine stores: the checkpoint through a JSON round trip, as a resumed run reads it.</summary>
    private static JobCheckpoint Commit(JobCheckpoint checkpoint) =>
        JsonSerializer.Deserialize<JobCheckpoint>(JsonSerializer.SerializeToUtf8Bytes(checkpoint, JobJson.Options), JobJson.Options)!;
}
