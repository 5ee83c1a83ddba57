namespace Orleans.Jobs.Client;

/// <summary>
/// The typed client of an Orleans.Jobs cluster, split by feature. Every call validates its input first (an invalid id
/// is a <see cref="JobValidationException"/> naming the field, before anything is sent) and reports unknown ids as
/// <see cref="JobNotFoundException"/> and stale or conflicting changes as <see cref="JobConflictException"/>.
/// </summary>
public sealed class JobsClient(IGrainFactory grains)
{
    /// <summary>Define, schedule, trigger, pause, resume and delete jobs; list them.</summary>
    public JobOperations Jobs { get; } = new(grains);

    /// <summary>Runs: status, wait, terminate, list, logs.</summary>
    public RunOperations Runs { get; } = new(grains);

    /// <summary>What happened: finished runs, occurrences, activity.</summary>
    public HistoryOperations History { get; } = new(grains);

    /// <summary>Webhook subscriptions for job events, and their deliveries.</summary>
    public WebhookOperations Webhooks { get; } = new(grains);
}
