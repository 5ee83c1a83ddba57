using System.CommandLine;
using Orleans.Jobs.Cli.Input;
using Orleans.Jobs.Cli.Invocation;
using Orleans.Jobs.Cli.Output;

namespace Orleans.Jobs.Cli.Commands;

/// <summary>The verbs on jobs: list, get, create, update, pause, resume, cancel, reschedule, retry, backfill, delete.</summary>
internal static class JobCommands
{
    public static IEnumerable<Command> Create(GlobalOptions globals, TimeProvider time)
    {
        yield return List(globals, time);
        yield return Get(globals);
        yield return CreateJob(globals, time);
        yield return Update(globals, time);
        yield return Simple(globals, "pause", "Pause a job: its schedule fires nothing and its runs take no new steps.", (client, id, ct) => client.Jobs.PauseAsync(id, ct));
        yield return Simple(globals, "resume", "Resume a paused job and its runs.", (client, id, ct) => client.Jobs.ResumeAsync(id, ct));
        yield return Cancel(globals);
        yield return Reschedule(globals, time);
        yield return Retry(globals);
        yield return Backfill(globals, time);
        yield return Delete(globals);
    }

    private static Command List(GlobalOptions globals, TimeProvider time)
    {
        var filter = new FilterOptions();
        var offset = new Option<int>("--offset") { Description = "Skip this many matching jobs." };
        var continuation = new Option<string?>("--continuation") { Description = "Read on from a previous page." };
        var all = new Option<bool>("--all") { Description = "Every matching job, page after page." };
        var command = new Command("list", "List jobs, filtered by status, type, labels and creation time.");
        filter.AddTo(command);
        command.Add(offset);
        command.Add(continuation);
        command.Add(all);
        command.SetHandler(globals, async (context, ct) =>
        {
            var query = filter.Build(context, time) with { Offset = context.Get(offset), Continuation = context.Get(continuation) };
            var client = await context.ClientAsync(ct);
            CatalogPage<JobCatalogEntry> page;
            if (context.Get(all))
            {
                var jobs = new List<JobCatalogEntry>();
                await foreach (var job in client.Jobs.ListAllAsync(query, ct))
                {
                    jobs.Add(job);
                }

                page = new CatalogPage<JobCatalogEntry> { Items = jobs };
            }
            else
            {
                page = await client.Jobs.ListAsync(query, ct);
            }

            if (context.Output.IsJson)
            {
                context.Output.Json(page);
                return ExitCodes.Ok;
            }

            context.Output.Write(JobViews.List(page.Items));
            context.Output.Line(page.Continuation is { } next
                ? $"{page.Items.Count} job(s); more with [bold]--continuation {Spectre.Console.Markup.Escape(next)}[/]"
                : $"{page.Items.Count} job(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(GlobalOptions globals)
    {
        var id = JobId();
        var command = new Command("get", "Show a job: definition, status, next fire, last run, health.") { id };
        command.SetHandler(globals, async (context, ct) =>
        {
            var job = await (await context.ClientAsync(ct)).Jobs.GetAsync(context.Get(id), ct);
            Show(context, job);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateJob(GlobalOptions globals, TimeProvider time)
    {
        var id = new Argument<string?>("id") { Description = "The job id (or the id in --file).", Arity = ArgumentArity.ZeroOrOne };
        var definition = new DefinitionOptions();
        var command = new Command("create", "Create a job from flags or a JSON/YAML file; the same definition again is accepted.") { id };
        definition.AddDefinitionTo(command);
        command.SetHandler(globals, async (context, ct) =>
        {
            var built = definition.Build(context, context.Parse.GetValue(id), baseline: null, time);
            var job = await (await context.ClientAsync(ct)).Jobs.CreateAsync(built, ct);
            Show(context, job, $"Created [bold]{Spectre.Console.Markup.Escape(job.Definition.Id)}[/] (version {job.Version}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Update(GlobalOptions globals, TimeProvider time)
    {
        var id = new Argument<string?>("id") { Description = "The job id (or the id in --file).", Arity = ArgumentArity.ZeroOrOne };
        var version = new Option<long?>("--version") { Description = "The version you are changing (default: the current one)." };
        var definition = new DefinitionOptions();
        var command = new Command("update", "Change a job: flags change the stored definition, or --file replaces it.") { id, version };
        definition.AddDefinitionTo(command);
        command.SetHandler(globals, async (context, ct) =>
        {
            var client = await context.ClientAsync(ct);
            var jobId = context.Parse.GetValue(id) ?? (context.Get(definition.File) is { } path ? DefinitionFile.Read(path).Id : throw new CliInputException("give the job id."));
            var current = await client.Jobs.GetAsync(jobId, ct);
            var built = definition.Build(context, jobId, current.Definition, time);
            var job = await client.Jobs.UpdateAsync(built, context.Get(version) ?? current.Version, ct);
            Show(context, job, $"Updated [bold]{Spectre.Console.Markup.Escape(jobId)}[/] to version {job.Version}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Cancel(GlobalOptions globals)
    {
        var id = JobId();
        var reason = new Option<string>("--reason", "-r") { Description = "Why (kept in the job's history).", Required = true };
        var command = new Command("cancel", "Cancel a job: terminate its runs and stop its schedule until it is rescheduled.") { id, reason };
        command.SetHandler(globals, async (context, ct) =>
        {
            var job = await (await context.ClientAsync(ct)).Jobs.CancelAsync(context.Get(id), context.Get(reason)!, ct);
            Show(context, job, $"Cancelled [bold]{Spectre.Console.Markup.Escape(job.Definition.Id)}[/].");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Reschedule(GlobalOptions globals, TimeProvider time)
    {
        var id = JobId();
        var version = new Option<long?>("--version") { Description = "The version you are changing (default: the current one)." };
        var timing = new DefinitionOptions();
        var command = new Command("reschedule", "Give a job new timing (also lifts a cancel).") { id, version };
        timing.AddTimingTo(command);
        command.SetHandler(globals, async (context, ct) =>
        {
            var request = timing.BuildTiming(context, time);
            var client = await context.ClientAsync(ct);
            var jobId = context.Get(id);
            var expected = context.Get(version) ?? (await client.Jobs.GetAsync(jobId, ct)).Version;
            var job = await client.Jobs.RescheduleAsync(jobId, request, expected, ct);
            Show(context, job, $"Rescheduled [bold]{Spectre.Console.Markup.Escape(jobId)}[/]; next fire {CliOutput.Local(job.NextFireAt)}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Retry(GlobalOptions globals)
    {
        var id = JobId();
        var delay = new Option<string?>("--delay") { Description = "Wait this long first, e.g. 5m (default: now)." };
        var command = new Command("retry", "Retry a job's failed last run: one more attempt from its last checkpoint.") { id, delay };
        command.SetHandler(globals, async (context, ct) =>
        {
            var wait = context.Get(delay) is { } text ? Durations.Parse(text, "--delay") : TimeSpan.Zero;
            var run = await (await context.ClientAsync(ct)).Jobs.RetryAsync(context.Get(id), wait, ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(run);
            }
            else
            {
                // With no delay the new attempt may have begun by the time the answer is read: it is then the run's attempt.
                var escaped = Spectre.Console.Markup.Escape(run.RunId);
                context.Output.Line(run.Status == RunStatus.Retrying
                    ? $"Retrying [bold]{escaped}[/] (attempt {run.Attempt + 1}) at {CliOutput.Local(run.RetryAt)}."
                    : $"Retrying [bold]{escaped}[/] (attempt {run.Attempt}): {run.Status.ToString().ToLowerInvariant()}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Backfill(GlobalOptions globals, TimeProvider time)
    {
        var id = JobId();
        var from = new Option<string>("--from") { Description = "Start of the range, e.g. -7d or 2026-11-01T00:00:00Z.", Required = true };
        var to = new Option<string>("--to") { Description = "End of the range (default now).", DefaultValueFactory = _ => "now" };
        var concurrency = new Option<int>("--max-concurrency") { Description = "Backfill runs at once.", DefaultValueFactory = _ => 1 };
        var overlap = new Option<BackfillOverlap>("--overlap") { Description = "RunAlongside live runs, or WaitForIdle." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would run." };
        var command = new Command("backfill", "Run a job's past occurrences that have no run.") { id, from, to, concurrency, overlap, dryRun };
        command.SetHandler(globals, async (context, ct) =>
        {
            var request = new BackfillRequest
            {
                From = Instants.Parse(context.Get(from)!, "--from", time),
                To = Instants.Parse(context.Get(to)!, "--to", time),
                MaxConcurrency = context.Get(concurrency),
                Overlap = context.Get(overlap),
                DryRun = context.Get(dryRun),
            };
            var result = await (await context.ClientAsync(ct)).Jobs.BackfillAsync(context.Get(id), request, ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(result);
                return ExitCodes.Ok;
            }

            var verb = result.DryRun ? "Would queue" : "Queued";
            context.Output.Line($"{verb} {result.Queued.Count} of {result.Occurrences} occurrence(s); {result.AlreadyRun} already had a run.");
            foreach (var occurrence in result.Queued)
            {
                context.Output.Text($"  {CliOutput.Local(occurrence)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(GlobalOptions globals)
    {
        var id = JobId();
        var command = new Command("delete", "Delete a job, terminating its runs.") { id };
        command.SetHandler(globals, async (context, ct) =>
        {
            await (await context.ClientAsync(ct)).Jobs.DeleteAsync(context.Get(id), ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(new { deleted = context.Get(id) });
            }
            else
            {
                context.Output.Line($"Deleted [bold]{Spectre.Console.Markup.Escape(context.Get(id))}[/].");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Simple(GlobalOptions globals, string name, string description, Func<Client.JobsClient, string, CancellationToken, Task<JobSnapshot>> call)
    {
        var id = JobId();
        var command = new Command(name, description) { id };
        command.SetHandler(globals, async (context, ct) =>
        {
            var job = await call(await context.ClientAsync(ct), context.Get(id), ct);
            Show(context, job, $"[bold]{Spectre.Console.Markup.Escape(job.Definition.Id)}[/] is {job.Status.ToString().ToLowerInvariant()}; next fire {CliOutput.Local(job.NextFireAt)}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Argument<string> JobId() => new("id") { Description = "The job id." };

    private static void Show(CliContext context, JobSnapshot job, string? headline = null)
    {
        if (context.Output.IsJson)
        {
            context.Output.Json(job);
            return;
        }

        if (headline is not null)
        {
            context.Output.Line(headline);
            return;
        }

        context.Output.Write(JobViews.Details(job));
    }
}
