using System.CommandLine;
using Orleans.Jobs.Cli.Input;
using Orleans.Jobs.Cli.Invocation;
using Orleans.Jobs.Cli.Output;

namespace Orleans.Jobs.Cli.Commands;

/// <summary><c>webhooks add|list|remove|deliveries</c>.</summary>
internal static class WebhookCommands
{
    /// <summary>Where <c>webhooks add</c> reads the secret when <c>--secret</c> is not given (keeps it out of the process list).</summary>
    public const string SecretVariable = "JOBS_WEBHOOK_SECRET";

    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("webhooks", "Webhook subscriptions for job events (signed POSTs).");
        command.Add(Add(globals));
        command.Add(List(globals));
        command.Add(Remove(globals));
        command.Add(Deliveries(globals));
        return command;
    }

    private static Command Add(GlobalOptions globals)
    {
        var url = new Option<string>("--url") { Description = "The receiving http(s) URL.", Required = true };
        var secret = new Option<string?>("--secret") { Description = $"The signing secret, 16–256 characters (default: ${SecretVariable})." };
        var events = new Option<string[]>("--event", "-e") { Description = $"An event type to deliver (repeatable; default all): {string.Join(", ", JobEventTypes.All)}." };
        var job = new Option<string?>("--job") { Description = "Only this job's events." };
        var label = new Option<string[]>("--label", "-l") { Description = "Only events of jobs with this label name=value (repeatable)." };
        var description = new Option<string?>("--description") { Description = "Who owns the receiver, for operators." };
        var command = new Command("add", "Subscribe a URL to job events.") { url, secret, events, job, label, description };
        command.SetHandler(globals, async (context, ct) =>
        {
            if (!Uri.TryCreate(context.Get(url), UriKind.Absolute, out var target))
            {
                throw new CliInputException($"--url '{context.Get(url)}' is not an absolute URL.");
            }

            var key = context.Get(secret) ?? Environment.GetEnvironmentVariable(SecretVariable)
                ?? throw new CliInputException($"give the signing secret with --secret or ${SecretVariable}.");
            var subscription = await (await context.ClientAsync(ct)).Webhooks.AddAsync(new WebhookSubscriptionRequest
            {
                Url = target,
                Secret = key,
                Events = context.Get(events) ?? [],
                JobId = context.Get(job),
                Labels = KeyValues.Parse(context.Get(label), "--label"),
                Description = context.Get(description),
            }, ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(subscription);
            }
            else
            {
                context.Output.Line($"Added webhook [bold]{subscription.Id}[/] for {Spectre.Console.Markup.Escape(subscription.Url.ToString())}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions globals)
    {
        var command = new Command("list", "Every webhook subscription (secrets are never shown).");
        command.SetHandler(globals, async (context, ct) =>
        {
            var subscriptions = await (await context.ClientAsync(ct)).Webhooks.ListAsync(ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(subscriptions);
            }
            else
            {
                context.Output.Write(HistoryViews.Webhooks(subscriptions));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(GlobalOptions globals)
    {
        var id = new Argument<string>("id") { Description = "The subscription id." };
        var command = new Command("remove", "Remove a subscription; its pending deliveries are dropped.") { id };
        command.SetHandler(globals, async (context, ct) =>
        {
            await (await context.ClientAsync(ct)).Webhooks.RemoveAsync(context.Get(id), ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(new { removed = context.Get(id) });
            }
            else
            {
                context.Output.Line($"Removed webhook [bold]{Spectre.Console.Markup.Escape(context.Get(id))}[/].");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Deliveries(GlobalOptions globals)
    {
        var id = new Argument<string>("id") { Description = "The subscription id." };
        var limit = new Option<int>("--limit") { Description = "Most entries.", DefaultValueFactory = _ => 50 };
        var command = new Command("deliveries", "A subscription's recent deliveries: status, attempts, last HTTP status and error.") { id, limit };
        command.SetHandler(globals, async (context, ct) =>
        {
            var deliveries = await (await context.ClientAsync(ct)).Webhooks.GetDeliveriesAsync(context.Get(id), context.Get(limit), ct);
            if (context.Output.IsJson)
            {
                context.Output.Json(deliveries);
            }
            else
            {
                context.Output.Write(HistoryViews.Deliveries(deliveries));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
