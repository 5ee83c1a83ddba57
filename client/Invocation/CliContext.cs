using System.CommandLine;
using Orleans.Jobs.Cli.Connection;
using Orleans.Jobs.Cli.Output;
using Orleans.Jobs.Client;

namespace Orleans.Jobs.Cli.Invocation;

/// <summary>What a verb works with: the parsed command line, the output, and a connection made on first use.</summary>
internal sealed class CliContext(ParseResult parse, GlobalOptions globals) : IAsyncDisposable
{
    private ClusterConnection? _connection;

    public ParseResult Parse { get; } = parse;

    public CliOutput Output { get; } = new(parse.GetValue(globals.Json));

    public bool Verbose => Parse.GetValue(globals.Verbose);

    public T? Get<T>(Option<T> option) => Parse.GetValue(option);

    public T Get<T>(Argument<T> argument) => Parse.GetRequiredValue(argument);

    /// <summary>Connects (once) and returns the client.</summary>
    public async Task<JobsClient> ClientAsync(CancellationToken cancellationToken)
    {
        _connection ??= await ClusterConnection.ConnectAsync(
            new ConnectionSettings(
                Parse.GetValue(globals.Gateway) ?? [],
                Parse.GetValue(globals.ClusterId),
                Parse.GetValue(globals.ServiceId),
                TimeSpan.FromSeconds(Math.Max(1, Parse.GetValue(globals.ConnectTimeout))),
                Verbose),
            cancellationToken);
        return _connection.Client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
