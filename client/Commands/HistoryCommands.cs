using System.CommandLine;
using Orleans.Jobs.Cli.Input;
using Orleans.Jobs.Cli.Invocation;
using Orleans.Jobs.Cli.Output;

namespace Orleans.Jobs.Cli.Commands;

/// <summary>The verbs on what happened: history, occurrences, stats, notifications, and bulk changes by filter.</summary>
internal static class HistoryCommands
{
    public static IEnumerable<Command> Create(GlobalOptions globals, TimeProvider time)
    {
        yield return History(globals);
        yield return Occurrences(globals);
        yield return Stats(globals, time);
        yield return Notifications(globals);
        yield return Bulk(globals, time);
    }

    private static Command History(GlobalOptions globals)
    {
        var id = JobCommands.JobId();
        var limit = Limit();
        var command = new Command("history", "A job's finished runs, newest first: start, end, duration, status, error, result.") { id, limit };
        command.SetHandler(globals, async (context, ct) =>
        {
            var runs = await (await context.ClientAsync(ct)).History.GetRunsAsync(context.Get(id), context.Get(limit), ct);
            Print(context, runs, () => RunViews.History(runs));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Occurrences(GlobalOptions globals)
    {
        var id = JobCommands.JobId();
        var limit = Limit();
        var command = new Command("occurrences", "A job's scheduled occurrences, newest first, with the run each started or why it did not run.") { id, limit };
        command.SetHandler(globals, async (context, ct) =>
        {
            var records = await (await context.ClientAsync(ct)).History.GetOccurrencesAsync(context.Get(id), context.Get(limit), ct);
            Print(context, records, () => HistoryViews.Occurrences(records));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Stats(GlobalOptions globals, TimeProvider time)
    {
        var id = new Argument<string?>("id") { Description = "One job (else every job the filter matches).", Arity = ArgumentArity.ZeroOrOne };
        var filter = new FilterOptions();
        var command = new Command("stats", "Run totals by status and the success rate, for a job or a filter (e.g. --label env=prod).") { id };
        filter.AddTo(command, withLimit: false);
        command.SetHandler(globals, async (context, ct) =>
        {
            var client = await context.ClientAsync(ct);
            var stats = context.Parse.GetValue(id) is { } jobId
                ? await client.History.GetStatsAsync(jobId, ct)
                : await client.History.GetStatsAsync(filter.Build(context, time), ct);
            Print(context, stats, () => HistoryViews.Stats(stats));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Notifications(GlobalOptions globals)
    {
        var id = JobCommands.JobId();
        var limit = Limit();
        var command = new Command("notifications", "A job's activity log, newest first: its own notifications and the engine's notes.") { id, limit };
        command.SetHandler(globals, async (context, ct) =>
        {
            var entries = await (await context.ClientAsync(ct)).History.GetActivityAsync(context.Get(id), context.Get(limit), ct);
            Print(context, entries, () => HistoryViews.Notifications(entries));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Bulk(GlobalOptions globals, TimeProvider time)
    {
        var action = new Argument<BulkAction>("action") { Description = "Pause, Resume, Cancel, Retry or Delete." };
        var filter = new FilterOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show which jobs it would touch." };
        var reason = new Option<string?>("--reason", "-r") { Description = "Why (needed to cancel)." };
        var command = new Command("bulk", "Pause, resume, cancel, retry or delete every job a filter matches.") { action, dryRun, reason };
        filter.AddTo(command, withLimit: false);
        command.SetHandler(globals, async (context, ct) =>
        {
            var result = await (await context.ClientAsync(ct)).Jobs.BulkAsync(context.Get(action), filter.Build(context, time), context.Get(dryRun), context.Get(reason), ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(result);
                return ExitCodes.Ok;
            }

            var verb = result.DryRun ? "would affect" : "affected";
            context.Output.Line($"{context.Get(action)}: {result.Matched} job(s) matched, {result.Count} {verb}.");
            foreach (var job in result.Affected)
            {
                context.Output.Text($"  {job}");
            }

            foreach (var (job, failure) in result.Failures)
            {
                context.Output.Line($"  [red]{Spectre.Console.Markup.Escape(job)}: {Spectre.Console.Markup.Escape(failure)}[/]");
            }

            return result.Failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Error;
        });
        return command;
    }

    private static Option<int> Limit() => new("--limit") { Description = "Most entries.", DefaultValueFactory = _ => 50 };

    private static void Print(CliContext context, object value, Func<Spectre.Console.Rendering.IRenderable> view)
    {
        if (context.Output.IsJson)
        {
            context.Output.Json(value);
        }
        else
        {
            context.Output.Write(view());
        }
    }
}
