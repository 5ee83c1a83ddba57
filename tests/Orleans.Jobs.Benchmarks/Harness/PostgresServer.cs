using System.Diagnostics;
using System.Globalization;
using Orleans.Jobs.TestSupport;

namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>
/// A PostgreSQL server of the harness's own (Debian's packages: initdb, pg_ctl), in a fresh data folder, listening on
/// 127.0.0.1 at a free port with trust authentication, run as the <c>postgres</c> user when the harness runs as root.
/// Stopped (and its folder removed) when disposed.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _data;

    private PostgresServer(string data, int port)
    {
        _data = data;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=150;Timeout=60";
    }

    public string ConnectionString { get; }

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        var bin = FindBin();
        var data = Path.Combine(Path.GetTempPath(), $"orleans-jobs-bench-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", data], asPostgres: false, cancellationToken);
        }

        var port = FreePorts.Next();
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync"], asPostgres: true, cancellationToken);
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(data, "server.log"), "-w", "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {data} -c max_connections=200", "start"], asPostgres: true, cancellationToken);

        // pg_ctl leaves the server running on its own: a watchdog stops it (and removes its folder) should the
        // harness die without disposing it.
        var stop = Environment.UserName == "root" ? $"runuser -u postgres -- {Path.Combine(bin, "pg_ctl")}" : Path.Combine(bin, "pg_ctl");
        using var watchdog = Process.Start(new ProcessStartInfo("setsid", ["bash", "-c",
            $"while kill -0 {Environment.ProcessId} 2>/dev/null && [ -d '{data}' ]; do sleep 1; done; [ -d '{data}' ] && {{ {stop} -D '{data}' -m immediate stop; rm -rf '{data}'; }}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        return new PostgresServer(data, port);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(FindBin(), "pg_ctl"), ["-D", _data, "-m", "fast", "-w", "stop"], asPostgres: true, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static string FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order().LastOrDefault()
              ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql).")
            : throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql): the full mode's durable peer needs it.");

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = asPostgres && Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {await error}{await output}");
        }
    }
}
