using System.Diagnostics;
using Orleans.Jobs.Tests.Processes;
using Orleans.Jobs.TestSupport;

namespace Orleans.Jobs.Tests.Cli;

/// <summary>One real silo process (in-memory storage, no demo, webhooks on) for the CLI tests to talk to.</summary>
public sealed class CliSiloFixture : IAsyncLifetime
{
    public const string WebhookKey = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

    private SiloProcess? _silo;

    internal JobsCli Cli { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Storage:Mode"] = "InMemory",
            ["Demo:Enabled"] = "false",
            ["Webhooks:SecretKey"] = WebhookKey,
        });
        Cli = new JobsCli(_silo.GatewayPort);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var probe = await Cli.RunAsync("list", "--connect-timeout", "5");
            if (probe.ExitCode == 0)
            {
                return;
            }

            if (_silo.HasExited || clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new InvalidOperationException($"The silo did not come up for the CLI tests.\nLast probe: {probe}\nSilo output:\n{_silo.Output}");
            }

            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

