using System.CommandLine;
using Orleans.Jobs.Cli.Connection;
using Orleans.Jobs.Cli.Output;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Orleans.Jobs.Cli.Invocation;

/// <summary>
/// Runs a verb: one clear line per error on standard error (a stack trace only with <c>--verbose</c>) and an exit code
/// that tells invalid input, not found, conflict and an unreachable cluster apart (see <see cref="ExitCodes"/>).
/// </summary>
internal static class CliRunner
{
    public static void SetHandler(this Command command, GlobalOptions globals, Func<CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, body, cancellationToken));

    private static async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, Func<CliContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var context = new CliContext(parse, globals);
        try
        {
            return await body(context, cancellationToken);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var (code, message) = Describe(exception, cancellationToken);
            CliOutput.Error(message);
            if (context.Verbose)
            {
                Console.Error.WriteLine(exception);
            }

            return code;
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    private static (int Code, string Message) Describe(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        CliInputException input => (ExitCodes.InvalidInput, input.Message),
        JobValidationException invalid => (ExitCodes.InvalidInput, invalid.Message),
        JobNotFoundException missing => (ExitCodes.NotFound, missing.Message),
        JobConflictException conflict => (ExitCodes.Conflict, conflict.Message),
        ClusterUnreachableException unreachable => (ExitCodes.Unreachable, unreachable.Message),
        SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException or OrleansException { InnerException: ConnectionFailedException }
            => (ExitCodes.Unreachable, $"lost the cluster: {exception.Message}"),
        TimeoutException => (ExitCodes.Unreachable, $"the cluster did not answer in time: {exception.Message}"),
        OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Interrupted, "interrupted"),
        JobsException jobs => (ExitCodes.Error, jobs.Message),
        _ => (ExitCodes.Error, $"{exception.GetType().Name}: {exception.Message}"),
    };
}
