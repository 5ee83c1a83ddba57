using System.Diagnostics;
using System.Globalization;

namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>
/// The repository's pinned Azurite (<c>azurite/start.sh</c>), in memory on free ports, stopped with the harness (and
/// by its watchdog if the harness is killed).
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly string _stopScript;
    private readonly string _blobPort;

    private AzuriteProcess(string connectionString, string stopScript, string blobPort)
    {
        ConnectionString = connectionString;
        _stopScript = stopScript;
        _blobPort = blobPort;
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken)
    {
        var directory = RepositoryPaths.Find("azurite");
        var start = new ProcessStartInfo("bash", [Path.Combine(directory, "start.sh"), "--in-memory", "--exit-with", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run azurite/start.sh.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var connectionString = output.Trim().Split('\n')[^1];
        if (process.ExitCode != 0 || !connectionString.Contains("BlobEndpoint=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"azurite/start.sh exited with {process.ExitCode}: Azurite is needed for the durable scenarios (Node.js and npm).");
        }

        var blob = connectionString.Split(';').Single(p => p.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..];
        return new AzuriteProcess(connectionString, Path.Combine(directory, "stop.sh"), new Uri(blob).Port.ToString(CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = Process.Start(new ProcessStartInfo("bash", [_stopScript, _blobPort]));
        if (stop is not null)
        {
            await stop.WaitForExitAsync();
        }
    }
}
