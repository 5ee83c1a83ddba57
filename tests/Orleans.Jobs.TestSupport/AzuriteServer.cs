using System.Diagnostics;

namespace Orleans.Jobs.TestSupport;

/// <summary>
/// An Azurite started from the repository's <c>azurite/start.sh</c> on free ports, in memory: the one shared by a test
/// run (started the first time a test needs it), or a private one for a test that stalls it. Stopped when the test
/// host exits (and, through <c>--exit-with</c>, even if the host is killed), a private one also when disposed.
/// Failing to start it fails the tests that need it, loudly.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private static readonly Lazy<Task<AzuriteServer>> _shared = new(() => StartAsync(CancellationToken.None));

    private AzuriteServer(string connectionString, string blobPort, string script)
    {
        ConnectionString = connectionString;
        BlobPort = blobPort;
        StopScript = script;
    }

    /// <summary>The connection string to this Azurite.</summary>
    public string ConnectionString { get; }

    private string BlobPort { get; }

    private string StopScript { get; }

    /// <summary>The shared server, started on first use.</summary>
    public static Task<AzuriteServer> SharedAsync() => _shared.Value;

    /// <summary>A server of the caller's own, which it may stall (<see cref="Pause"/>) and must dispose.</summary>
    public static Task<AzuriteServer> StartPrivateAsync(CancellationToken cancellationToken = default) => StartAsync(cancellationToken);

    /// <summary>Stalls Azurite (SIGSTOP): it keeps its connections and its data but answers nothing.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>Lets a stalled Azurite go on (SIGCONT).</summary>
    public void Resume() => Signal("CONT");

    public ValueTask DisposeAsync()
    {
        Resume();
        Stop();
        return ValueTask.CompletedTask;
    }

    private static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken)
    {
        var directory = RepositoryPaths.Find("azurite");
        var start = new ProcessStartInfo("bash", [Path.Combine(directory, "start.sh"), "--in-memory", "--exit-with", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run azurite/start.sh.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var connectionString = (await output).Trim().Split('\n')[^1];
        if (process.ExitCode != 0 || !connectionString.Contains("BlobEndpoint=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Azurite did not start (azurite/start.sh exited {process.ExitCode}): {await errors}");
        }

        var blobPort = new Uri(connectionString.Split(';').Single(p => p.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..]).Port;
        var server = new AzuriteServer(connectionString, blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(directory, "stop.sh"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private void Stop()
    {
        using var stop = Process.Start(new ProcessStartInfo("bash", [StopScript, BlobPort]) { RedirectStandardError = true });
        stop?.WaitForExit(10_000);
    }

    private void Signal(string signal)
    {
        var pidFile = Path.Combine(Path.GetDirectoryName(StopScript)!, ".run", $"{BlobPort}.pid");
        var pid = File.ReadAllText(pidFile).Trim();
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid])) ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} (Azurite) failed with exit code {kill.ExitCode}.");
        }
    }
}
