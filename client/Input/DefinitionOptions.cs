using System.CommandLine;
using Orleans.Jobs.Cli.Invocation;

namespace Orleans.Jobs.Cli.Input;

/// <summary>The flags that describe a job (for create and update), or its timing alone (for reschedule).</summary>
internal sealed class DefinitionOptions
{
    public Option<string?> File { get; } = new("--file", "-f") { Description = "A JSON or YAML job definition; flags given as well override its fields." };

    public Option<string?> Type { get; } = new("--type", "-t") { Description = "The job type, as registered on the silos." };

    public Option<string[]> Cron { get; } = new("--cron") { Description = "A cron schedule, 5 or 6 fields (repeatable)." };

    public Option<string?> TimeZone { get; } = new("--time-zone") { Description = "IANA time zone of the cron schedules (default UTC)." };

    public Option<string[]> Every { get; } = new("--every") { Description = "An interval schedule, e.g. 15m (repeatable)." };

    public Option<string[]> At { get; } = new("--at") { Description = "A one-time fire, e.g. 2026-12-01T06:00:00Z or +1h (repeatable)." };

    public Option<string?> StartAt { get; } = new("--start-at") { Description = "No fire before this time." };

    public Option<string?> EndAt { get; } = new("--end-at") { Description = "No fire after this time." };

    public Option<long?> Limit { get; } = new("--limit") { Description = "Most scheduled runs." };

    public Option<string?> Jitter { get; } = new("--jitter") { Description = "Spread each fire by up to this much, e.g. 30s." };

    public Option<string?> Params { get; } = new("--params") { Description = "Parameters as a JSON object." };

    public Option<string[]> Param { get; } = new("--param", "-p") { Description = "A parameter name=value (repeatable)." };

    public Option<string[]> Label { get; } = new("--label", "-l") { Description = "A label name=value (repeatable)." };

    public Option<string?> Description { get; } = new("--description") { Description = "What the job is for." };

    public Option<OverlapPolicy?> Overlap { get; } = new("--overlap") { Description = "What a fire does while a run is active." };

    public Option<int?> MaxAttempts { get; } = new("--max-attempts") { Description = "Attempts per run, including the first." };

    public Option<string?> StepDeadline { get; } = new("--step-deadline") { Description = "Longest one step may take, e.g. 2m." };

    public Option<string?> SuccessWithin { get; } = new("--success-within") { Description = "Unhealthy if no run completes this often, e.g. 26h." };

    public void AddDefinitionTo(Command command)
    {
        command.Add(File);
        command.Add(Type);
        AddTimingTo(command);
        command.Add(Params);
        command.Add(Param);
        command.Add(Label);
        command.Add(Description);
        command.Add(Overlap);
        command.Add(MaxAttempts);
        command.Add(StepDeadline);
        command.Add(SuccessWithin);
    }

    public void AddTimingTo(Command command)
    {
        command.Add(Cron);
        command.Add(TimeZone);
        command.Add(Every);
        command.Add(At);
        command.Add(StartAt);
        command.Add(EndAt);
        command.Add(Limit);
        command.Add(Jitter);
    }

    /// <summary>The definition of job <paramref name="id"/>: <paramref name="baseline"/> (the file, or the stored job) with the flags applied.</summary>
    public JobDefinition Build(CliContext context, string? id, JobDefinition? baseline, TimeProvider time)
    {
        var fromFile = context.Get(File) is { } path ? DefinitionFile.Read(path) : null;
        var definition = fromFile ?? baseline;
        var jobId = id ?? definition?.Id ?? throw new CliInputException("give the job id (or an id in --file).");
        var type = context.Get(Type) ?? definition?.Type ?? throw new CliInputException("--type is required (or a type in --file).");
        definition = (definition ?? new JobDefinition { Id = jobId, Type = type }) with { Id = jobId, Type = type };
        if (Schedules(context, time) is { } schedules)
        {
            definition = definition with { Schedules = schedules };
        }

        if (KeyValues.Parameters(context.Get(Params), context.Get(Param)) is { } parameters)
        {
            definition = definition with { Parameters = parameters };
        }

        var labels = KeyValues.Parse(context.Get(Label), "--label");
        if (labels.Count > 0)
        {
            definition = definition with { Labels = definition.Labels.Concat(labels).GroupBy(l => l.Key).ToDictionary(g => g.Key, g => g.Last().Value) };
        }

        return definition with
        {
            Description = context.Get(Description) ?? definition.Description,
            StartAt = OptionalInstant(context, StartAt, time) ?? definition.StartAt,
            EndAt = OptionalInstant(context, EndAt, time) ?? definition.EndAt,
            Limit = context.Get(Limit) ?? definition.Limit,
            Jitter = context.Get(Jitter) is { } jitter ? Durations.Parse(jitter, "--jitter") : definition.Jitter,
            Overlap = context.Get(Overlap) ?? definition.Overlap,
            Retry = context.Get(MaxAttempts) is { } attempts ? definition.Retry with { MaximumAttempts = attempts } : definition.Retry,
            StepDeadline = context.Get(StepDeadline) is { } deadline ? Durations.Parse(deadline, "--step-deadline") : definition.StepDeadline,
            SuccessWithin = context.Get(SuccessWithin) is { } within ? Durations.Parse(within, "--success-within") : definition.SuccessWithin,
        };
    }

    /// <summary>New timing for a reschedule; at least one schedule flag is needed.</summary>
    public RescheduleRequest BuildTiming(CliContext context, TimeProvider time) => new()
    {
        Schedules = Schedules(context, time) ?? throw new CliInputException("give the new timing: --cron, --every or --at."),
        StartAt = OptionalInstant(context, StartAt, time),
        EndAt = OptionalInstant(context, EndAt, time),
        Limit = context.Get(Limit),
        Jitter = context.Get(Jitter) is { } jitter ? Durations.Parse(jitter, "--jitter") : TimeSpan.Zero,
    };

    private List<Schedule>? Schedules(CliContext context, TimeProvider time)
    {
        var zone = context.Get(TimeZone) ?? "UTC";
        var schedules = new List<Schedule>();
        schedules.AddRange((context.Get(Cron) ?? []).Select(cron => Schedule.Cron(cron, zone)));
        schedules.AddRange((context.Get(Every) ?? []).Select(every => Schedule.Interval(Durations.Parse(every, "--every"))));
        schedules.AddRange((context.Get(At) ?? []).Select(at => Schedule.Once(Instants.Parse(at, "--at", time))));
        return schedules.Count > 0 ? schedules : null;
    }

    private static DateTimeOffset? OptionalInstant(CliContext context, Option<string?> option, TimeProvider time) =>
        context.Get(option) is { } text ? Instants.Parse(text, option.Name, time) : null;
}
