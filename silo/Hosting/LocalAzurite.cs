using System.Diagnostics;
using System.Globalization;

namespace Orleans.Jobs.Silo.Hosting;

/// <summary>
/// The Azurite the silo starts in <see cref="StorageMode.Azurite"/> mode: the repository's pinned one
/// (<c>azurite/start.sh</c>, installed on first use), data kept in <c>azurite/.data/silo</c> across runs, stopped with
/// the silo — and by its watchdog if the silo is killed.
/// </summary>
internal sealed class LocalAzurite : IAsyncDisposable
{
    private readonly string _stopScript;
    private readonly string _blobPort;

    private LocalAzurite(string connectionString, string stopScript, string blobPort)
    {
        ConnectionString = connectionString;
        _stopScript = stopScript;
        _blobPort = blobPort;
    }

    /// <summary>The connection string to it.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts Azurite and waits until it answers.</summary>
    public static async Task<LocalAzurite> StartAsync(CancellationToken cancellationToken)
    {
        var directory = FindAzuriteDirectory();
        var start = new ProcessStartInfo("bash", [
            Path.Combine(directory, "start.sh"),
            "--data", Path.Combine(directory, ".data", "silo"),
            "--exit-with", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        ])
        {
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run azurite/start.sh (is bash installed?).");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var connectionString = output.Trim().Split('\n')[^1];
        if (process.ExitCode != 0 || !connectionString.Contains("BlobEndpoint=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"azurite/start.sh exited with {process.ExitCode}; see its messages above. Node.js and npm are needed for Azurite.");
        }

        var blobEndpoint = connectionString.Split(';').Single(part => part.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..];
        return new LocalAzurite(connectionString, Path.Combine(directory, "stop.sh"), new Uri(blobEndpoint).Port.ToString(CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = Process.Start(new ProcessStartInfo("bash", [_stopScript, _blobPort]));
        if (stop is not null)
        {
            await stop.WaitForExitAsync();
        }
    }

    private static string FindAzuriteDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "azurite", "start.sh")))
                {
                    return Path.Combine(directory.FullName, "azurite");
                }
            }
        }

        throw new InvalidOperationException("No azurite/start.sh found above the current or the program's folder; run from the repository, or set Storage:Mode to Azure or InMemory.");
    }
}
