namespace Orleans.Jobs;

/// <summary>A stored webhook subscription as callers see it: everything but the secret.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.WebhookSubscription")]
public sealed record WebhookSubscription
{
    /// <summary>The subscription's id, assigned when it is added.</summary>
    [Id(0)]
    public required string Id { get; init; }

    /// <summary>The receiving URL.</summary>
    [Id(1)]
    public required Uri Url { get; init; }

    /// <summary>Event types delivered; empty means every type.</summary>
    [Id(2)]
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>Only this job's events; null for every job.</summary>
    [Id(3)]
    public string? JobId { get; init; }

    /// <summary>Only events of jobs carrying all these labels.</summary>
    [Id(4)]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The operators' note.</summary>
    [Id(5)]
    public string? Description { get; init; }

    /// <summary>When it was added.</summary>
    [Id(6)]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether <paramref name="jobEvent"/> of a job with <paramref name="labels"/> goes to this subscription.</summary>
    public bool Matches(JobEvent jobEvent, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        return Matches(jobEvent.Type, jobEvent.JobId, labels);
    }

    /// <summary>
    /// Whether an event of type <paramref name="eventType"/> of job <paramref name="jobId"/> with
    /// <paramref name="labels"/> goes to this subscription: decided before the event is built.
    /// </summary>
    public bool Matches(string eventType, string jobId, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return (Events.Count == 0 || Events.Contains(eventType, StringComparer.Ordinal))
            && (JobId is null || string.Equals(JobId, jobId, StringComparison.Ordinal))
            && Labels.All(label => labels.TryGetValue(label.Key, out var value) && string.Equals(value, label.Value, StringComparison.Ordinal));
    }
}
