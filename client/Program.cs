using System.CommandLine;
using Orleans.Jobs.Cli.Commands;
using Orleans.Jobs.Cli.Invocation;

// `jobs`: the command line for the people who run an Orleans.Jobs cluster. Every verb covers one operation of the
// client library; see `jobs --help` and the README's CLI section.
var globals = new GlobalOptions();
var root = new RootCommand("Manage the jobs of an Orleans.Jobs cluster.");
globals.AddTo(root);
foreach (var command in JobCommands.Create(globals, TimeProvider.System)
    .Concat(RunCommands.Create(globals))
    .Concat(HistoryCommands.Create(globals, TimeProvider.System))
    .Append(WebhookCommands.Create(globals)))
{
    root.Add(command);
}

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("See 'jobs --help'.");
    return ExitCodes.InvalidInput;
}

return await parsed.InvokeAsync();
