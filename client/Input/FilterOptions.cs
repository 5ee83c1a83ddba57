using System.CommandLine;
using Orleans.Jobs.Cli.Invocation;

namespace Orleans.Jobs.Cli.Input;

/// <summary>The catalog filter flags shared by list, stats and bulk.</summary>
internal sealed class FilterOptions
{
    public Option<JobLifecycle?> Status { get; } = new("--status", "-s") { Description = "Only jobs in this status." };

    public Option<string?> Type { get; } = new("--type", "-t") { Description = "Only jobs of this type." };

    public Option<string[]> Label { get; } = new("--label", "-l") { Description = "Only jobs with this label name=value (repeatable)." };

    public Option<string?> CreatedFrom { get; } = new("--created-from") { Description = "Only jobs created at or after this time." };

    public Option<string?> CreatedTo { get; } = new("--created-to") { Description = "Only jobs created before this time." };

    public Option<int> Limit { get; } = new("--limit") { Description = "Page size, 1–1000.", DefaultValueFactory = _ => 100 };

    public void AddTo(Command command, bool withLimit = true)
    {
        command.Add(Status);
        command.Add(Type);
        command.Add(Label);
        command.Add(CreatedFrom);
        command.Add(CreatedTo);
        if (withLimit)
        {
            command.Add(Limit);
        }
    }

    public JobCatalogQuery Build(CliContext context, TimeProvider time) => new()
    {
        Status = context.Get(Status),
        Type = context.Get(Type),
        Labels = KeyValues.Parse(context.Get(Label), "--label"),
        CreatedFrom = context.Get(CreatedFrom) is { } from ? Instants.Parse(from, "--created-from", time) : null,
        CreatedTo = context.Get(CreatedTo) is { } to ? Instants.Parse(to, "--created-to", time) : null,
        Limit = context.Get(Limit),
    };

    /// <summary>Whether any filter flag was given (a bulk cancel or delete needs one).</summary>
    public bool Any(CliContext context) =>
        context.Get(Status) is not null || context.Get(Type) is not null || (context.Get(Label)?.Length ?? 0) > 0
        || context.Get(CreatedFrom) is not null || context.Get(CreatedTo) is not null;
}
