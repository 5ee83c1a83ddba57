namespace Orleans.Jobs;

/// <summary>
/// What a job is: its type, parameters, retry policy, schedules and their policies, and labels. Stored by the job
/// grain, versioned.
/// </summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.JobDefinition")]
public sealed record JobDefinition
{
    /// <summary>The job id: 1–128 letters, digits, <c>.</c>, <c>_</c>, <c>-</c>.</summary>
    [Id(0)]
    public required string Id { get; init; }

    /// <summary>The job type's registered name, e.g. <c>offline_store_import</c>.</summary>
    [Id(1)]
    public required string Type { get; init; }

    /// <summary>Parameters handed to Prepare. Default none.</summary>
    [Id(2)]
    public JobParameters Parameters { get; init; } = JobParameters.Empty;

    /// <summary>How failed runs are retried. Default <see cref="RetryPolicy.Default"/>.</summary>
    [Id(3)]
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>A Prepare or Perform that outlives this is abandoned and the attempt fails. Default 60 s.</summary>
    [Id(4)]
    public TimeSpan StepDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Labels for filtering, e.g. <c>namespace</c>, <c>product</c>, <c>env</c>.</summary>
    [Id(5)]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Free text for people.</summary>
    [Id(6)]
    public string? Description { get; init; }

    /// <summary>When the job fires on its own: the union of these. Empty (the default): only when triggered.</summary>
    [Id(7)]
    public IReadOnlyList<Schedule> Schedules { get; init; } = [];

    /// <summary>No fire before this instant. Default none.</summary>
    [Id(8)]
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>No fire after this instant; the job completes when it has passed. Default none.</summary>
    [Id(9)]
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>At most this many scheduled runs in the job's generation; then the job completes. Default no limit.</summary>
    [Id(10)]
    public long? Limit { get; init; }

    /// <summary>Each fire starts up to this much later (a fixed delay per occurrence) to spread a burst. Default 0.</summary>
    [Id(11)]
    public TimeSpan Jitter { get; init; }

    /// <summary>What a fire does while a run is active. Default <see cref="OverlapPolicy.Skip"/>.</summary>
    [Id(12)]
    public OverlapPolicy Overlap { get; init; } = OverlapPolicy.Skip;

    /// <summary>What happens to fires missed while the cluster was down or the job paused. Default fire once now.</summary>
    [Id(13)]
    public MisfirePolicy Misfire { get; init; } = MisfirePolicy.Default;

    /// <summary>
    /// The job must complete a run at least this often (1 s – 366 days), counted from its last success, or from when
    /// tracking began (create, resume, reschedule); past that it is unhealthy and raises <c>job.unhealthy</c>. Null
    /// (the default) does not track health.
    /// </summary>
    [Id(14)]
    public TimeSpan? SuccessWithin { get; init; }

    /// <summary>
    /// The work of a payload job (type <see cref="PayloadTypes.Payload"/>): items fanned out across the cluster. Null
    /// (the default) for a job whose type does the work.
    /// </summary>
    [Id(15)]
    public PayloadDefinition? Payload { get; init; }

    /// <summary>
    /// Webhook sinks: ids of webhook subscriptions that receive every completed run's result (for a payload run, each
    /// item's outcome), signed like events, as event <c>run.result</c>; retried with backoff, and a delivery given up
    /// is recorded on the run and raised as <c>run.sink_failed</c>. The Blob sink keeps every result regardless.
    /// </summary>
    [Id(16)]
    public IReadOnlyList<string> ResultWebhooks { get; init; } = [];
}
