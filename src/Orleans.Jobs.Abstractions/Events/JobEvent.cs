namespace Orleans.Jobs;

/// <summary>Something that happened to a job, as delivered to webhooks (the JSON body, camelCase).</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.JobEvent")]
public sealed record JobEvent
{
    /// <summary>Unique per event; a receiver may use it to drop a delivery it already handled.</summary>
    [Id(0)]
    public required string Id { get; init; }

    /// <summary>One of <see cref="JobEventTypes"/>.</summary>
    [Id(1)]
    public required string Type { get; init; }

    /// <summary>When it happened (UTC).</summary>
    [Id(2)]
    public required DateTimeOffset At { get; init; }

    /// <summary>The job.</summary>
    [Id(3)]
    public required string JobId { get; init; }

    /// <summary>The run, for run events (started, completed, failed, a terminated run, sink failed).</summary>
    [Id(4)]
    public string? RunId { get; init; }

    /// <summary>A one-line description, e.g. the failure or the cancel reason.</summary>
    [Id(5)]
    public string Summary { get; init; } = string.Empty;

    /// <summary>The run's status for run events, e.g. <c>completed</c>; else null.</summary>
    [Id(6)]
    public RunStatus? RunStatus { get; init; }

    /// <summary>The job's next fire, for <c>job.scheduled</c> and <c>job.resumed</c>.</summary>
    [Id(7)]
    public DateTimeOffset? NextFireAt { get; init; }

    /// <summary>The job type.</summary>
    [Id(8)]
    public string? JobType { get; init; }

    /// <summary>For <c>run.result</c>: the run's result as JSON.</summary>
    [Id(9)]
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ResultJson { get; init; }

    /// <summary>For <c>run.result</c>: the run's result (in the webhook body as <c>result</c>).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("result")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public System.Text.Json.JsonElement? Result => ResultJson is null ? null : System.Text.Json.JsonDocument.Parse(ResultJson).RootElement.Clone();
}
