using System.CommandLine;
using Orleans.Jobs.Cli.Input;
using Orleans.Jobs.Cli.Invocation;
using Orleans.Jobs.Cli.Output;
using Spectre.Console;

namespace Orleans.Jobs.Cli.Commands;

/// <summary>The verbs on runs: trigger, runs, status, terminate, logs.</summary>
internal static class RunCommands
{
    public static IEnumerable<Command> Create(GlobalOptions globals)
    {
        yield return Trigger(globals);
        yield return Runs(globals);
        yield return Status(globals);
        yield return Terminate(globals);
        yield return Logs(globals);
    }

    private static Command Trigger(GlobalOptions globals)
    {
        var id = JobCommands.JobId();
        var key = new Option<string?>("--key", "-k") { Description = "Idempotency key: triggering again with it finds the same run." };
        var parameters = new Option<string?>("--params") { Description = "Parameters for this run, as a JSON object." };
        var param = new Option<string[]>("--param", "-p") { Description = "A parameter name=value for this run (repeatable)." };
        var wait = new Option<bool>("--wait", "-w") { Description = "Show the run's log live until it ends; exit 6 if it does not complete." };
        var command = new Command("trigger", "Start a run of a job now.") { id, key, parameters, param, wait };
        command.SetHandler(globals, async (context, ct) =>
        {
            var request = new TriggerRequest { IdempotencyKey = context.Get(key), Parameters = KeyValues.Parameters(context.Get(parameters), context.Get(param)) };
            var client = await context.ClientAsync(ct);
            var run = await client.Jobs.TriggerAsync(context.Get(id), request, ct);
            if (!context.Get(wait))
            {
                if (context.Output.IsJson)
                {
                    context.Output.Json(run);
                }
                else
                {
                    context.Output.Line($"Started [bold]{Markup.Escape(run.RunId)}[/] on {Markup.Escape(run.Silo ?? "?")}.");
                }

                return ExitCodes.Ok;
            }

            if (!context.Output.IsJson)
            {
                context.Output.Line($"Started [bold]{Markup.Escape(run.RunId)}[/] on {Markup.Escape(run.Silo ?? "?")}; following it (Ctrl+C stops following, not the run).");
                await foreach (var line in client.Runs.FollowLogsAsync(run.RunId, ct))
                {
                    RunViews.WriteLog(context.Output, line);
                }
            }

            var finished = await client.Runs.WaitForCompletionAsync(run.RunId, ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(finished);
            }
            else
            {
                var took = (finished.FinishedAt ?? DateTimeOffset.UtcNow) - finished.CreatedAt;
                context.Output.Line(finished.Status == RunStatus.Completed
                    ? $"[green]✔ completed[/]: {finished.Step} steps, attempt {finished.Attempt}, {CliOutput.Duration(took)}" + (finished.ResultReference is { } result ? $", result at {Markup.Escape(result)}" : "")
                    : $"[red]✘ {finished.Status.ToString().ToLowerInvariant()}[/]: {Markup.Escape(finished.Error is { } error ? $"{error.Type}: {error.Message}" : finished.TerminationReason ?? "")}");
            }

            return finished.Status == RunStatus.Completed ? ExitCodes.Ok : ExitCodes.RunNotCompleted;
        });
        return command;
    }

    private static Command Runs(GlobalOptions globals)
    {
        var id = new Argument<string?>("id") { Description = "Only this job's runs.", Arity = ArgumentArity.ZeroOrOne };
        var status = new Option<RunStatus?>("--status", "-s") { Description = "Only runs in this status." };
        var limit = new Option<int>("--limit") { Description = "Page size, 1–1000.", DefaultValueFactory = _ => 100 };
        var continuation = new Option<string?>("--continuation") { Description = "Read on from a previous page." };
        var command = new Command("runs", "List runs from the catalog, of one job or of all, by status.") { id, status, limit, continuation };
        command.SetHandler(globals, async (context, ct) =>
        {
            var query = new RunCatalogQuery { JobId = context.Parse.GetValue(id), Status = context.Get(status), Limit = context.Get(limit), Continuation = context.Get(continuation) };
            var page = await (await context.ClientAsync(ct)).Runs.ListAsync(query, ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(page);
                return ExitCodes.Ok;
            }

            context.Output.Write(RunViews.Catalog(page.Items));
            context.Output.Line(page.Continuation is { } next ? $"{page.Items.Count} run(s); more with [bold]--continuation {Markup.Escape(next)}[/]" : $"{page.Items.Count} run(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status(GlobalOptions globals)
    {
        var id = RunId();
        var command = new Command("status", "A run's runtime status: state, step, attempt, silo, progress, last checkpoint.") { id };
        command.SetHandler(globals, async (context, ct) =>
        {
            var run = await (await context.ClientAsync(ct)).Runs.GetAsync(context.Get(id), ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(run);
            }
            else
            {
                context.Output.Write(RunViews.Status(run));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Terminate(GlobalOptions globals)
    {
        var id = RunId();
        var reason = new Option<string>("--reason", "-r") { Description = "Why (kept with the run).", Required = true };
        var command = new Command("terminate", "Terminate a run: the step in flight is cancelled and its result discarded.") { id, reason };
        command.SetHandler(globals, async (context, ct) =>
        {
            var run = await (await context.ClientAsync(ct)).Runs.TerminateAsync(context.Get(id), context.Get(reason)!, ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(run);
            }
            else
            {
                context.Output.Line($"[bold]{Markup.Escape(run.RunId)}[/] is {run.Status.ToString().ToLowerInvariant()}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Logs(GlobalOptions globals)
    {
        var id = RunId();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until the run ends." };
        var skip = new Option<int>("--skip") { Description = "Lines to skip." };
        var take = new Option<int>("--take") { Description = "Most lines, 1–1000.", DefaultValueFactory = _ => 1000 };
        var command = new Command("logs", "A run's log, in order.") { id, follow, skip, take };
        command.SetHandler(globals, async (context, ct) =>
        {
            var client = await context.ClientAsync(ct);
            var runId = context.Get(id);
            if (context.Get(follow))
            {
                await foreach (var line in client.Runs.FollowLogsAsync(runId, ct))
                {
                    Print(context, line);
                }

                return ExitCodes.Ok;
            }

            var lines = await client.Runs.GetLogsAsync(runId, context.Get(skip), context.Get(take), ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(lines);
                return ExitCodes.Ok;
            }

            foreach (var line in lines)
            {
                RunViews.WriteLog(context.Output, line);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A followed line: one JSON object per line with <c>--json</c>, so a pipe can read them as they come.</summary>
    private static void Print(CliContext context, RunLogLine line)
    {
        if (context.Output.IsJson)
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(line, JobJson.Options));
        }
        else
        {
            RunViews.WriteLog(context.Output, line);
        }
    }

    private static Argument<string> RunId() => new("run-id") { Description = "The run id: {jobId}/{generation}/{occurrence}." };
}
