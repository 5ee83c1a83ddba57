using System.Diagnostics;
using System.Text.Json;
using Orleans.Jobs.Tests.Processes;
using Orleans.Jobs.TestSupport;

namespace Orleans.Jobs.Tests.Cli;

/// <summary>
/// Runs the real <c>jobs</c> executable and captures what it printed and its exit code: with <c>--gateway</c> on
/// <paramref name="gatewayPort"/>, or without one (the CLI then finds gateways from its <c>Storage__*</c> environment).
/// </summary>
internal sealed class JobsCli(int? gatewayPort)
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(60);

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, environment: null);

    public async Task<CliResult> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuiltBinaries.Find("client", "jobs.dll"));
        if (gatewayPort is { } port)
        {
            start.ArgumentList.Add("--gateway");
            start.ArgumentList.Add($"127.0.0.1:{port}");
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TZ"] = "Europe/Paris";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start jobs.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(_timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"jobs {string.Join(' ', args)} did not finish within {_timeout}.");
        }

        return new CliResult(process.ExitCode, await output, await error, string.Join(' ', args));
    }
}

/// <summary>What one <c>jobs</c> invocation printed, and its exit code.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error, string Command)
{
    public JsonElement Json() => JsonDocument.Parse(Output).RootElement;

    public override string ToString() => $"jobs {Command} → exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
