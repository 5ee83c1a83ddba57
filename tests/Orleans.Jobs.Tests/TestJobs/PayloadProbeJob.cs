using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Orleans.Jobs.Tests.TestJobs;

/// <summary>Parameters of <see cref="PayloadProbeJob"/>.</summary>
public sealed record PayloadProbeParameters
{
    /// <summary>Time the item takes, honouring cancellation.</summary>
    public int DelayMs { get; init; }

    /// <summary>The item fails its first this-many attempts.</summary>
    public int FailAttempts { get; init; }

    /// <summary>Fail with a non-retryable error instead.</summary>
    public bool NonRetryable { get; init; }

    /// <summary>While <see cref="Depth"/> is below <see cref="MaxDepth"/>, the item adds this many children one level deeper.</summary>
    public int Children { get; init; }

    public int Depth { get; init; }

    public int MaxDepth { get; init; }
}

/// <summary>One execution of a payload item, as the item itself saw it.</summary>
public sealed record ProbeExecution(string RunId, int Index, int Attempt, string Silo, DateTimeOffset Started, DateTimeOffset Ended, bool Succeeded);

/// <summary>
/// A payload item type for tests: takes its time, fails when told to, adds children (nested scheduling), and records
/// every execution and how many items of its run were in flight at once, from inside the items.
/// </summary>
public sealed class PayloadProbeJob(ILocalSiloDetails silo) : Job<int>
{
    private static readonly ConcurrentDictionary<string, RunProbe> _runs = new(StringComparer.Ordinal);

    public static RunProbe For(string runId) => _runs.GetOrAdd(runId, _ => new RunProbe());

    public override Task<JobStatus<int>> PrepareAsync(JobParameters parameters, JobStatus<int>? resumeFrom, CancellationToken cancellationToken) =>
        Task.FromResult(JobStatus.Start(0));

    public override async Task<JobStatus<int>> PerformAsync(JobStatus<int> status, CancellationToken cancellationToken)
    {
        var parameters = Context.Parameters.As<PayloadProbeParameters>();
        var item = Context.PayloadItem ?? throw new InvalidOperationException("The probe runs only as a payload item.");
        var probe = For(item.RunId);
        var started = Context.Time.GetUtcNow();
        probe.Enter();
        var succeeded = false;
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(parameters.DelayMs), Context.Time, cancellationToken);
            if (item.Attempt <= parameters.FailAttempts || parameters.NonRetryable)
            {
                throw parameters.NonRetryable
                    ? new NonRetryableJobException($"item {item.Index} refuses for good")
                    : new InvalidOperationException($"item {item.Index} fails attempt {item.Attempt}");
            }

            if (parameters.Depth < parameters.MaxDepth)
            {
                item.Add([.. Enumerable.Range(0, parameters.Children).Select(c => new PayloadItem
                {
                    Type = "payload_probe",
                    Name = $"child {c} of {item.Index}",
                    Parameters = JobParameters.From(parameters with { Depth = parameters.Depth + 1 }),
                })]);
            }

            succeeded = true;
            return status.Complete(new { index = item.Index, silo = silo.SiloAddress.ToString() });
        }
        finally
        {
            probe.Leave(new ProbeExecution(item.RunId, item.Index, item.Attempt, silo.SiloAddress.ToString(), started, Context.Time.GetUtcNow(), succeeded));
        }
    }

    /// <summary>What the items of one run recorded.</summary>
    public sealed class RunProbe
    {
        private readonly ConcurrentQueue<ProbeExecution> _executions = new();
        private int _inFlight;
        private int _maximum;
        private int _started;

        public int MaximumInFlight => Volatile.Read(ref _maximum);

        public int Started => Volatile.Read(ref _started);

        public IReadOnlyList<ProbeExecution> Executions => [.. _executions];

        public void Enter()
        {
            Interlocked.Increment(ref _started);
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maximum)) && Interlocked.CompareExchange(ref _maximum, now, seen) != seen)
            {
            }
        }

        public void Leave(ProbeExecution execution)
        {
            Interlocked.Decrement(ref _inFlight);
            _executions.Enqueue(execution);
        }
    }
}
