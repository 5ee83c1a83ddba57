using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Orleans.Jobs.TestSupport;

/// <summary>A real silo: the <c>silo</c> binary in a process of its own, configured through its environment.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private static readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private SiloProcess(Process process, int siloPort, int gatewayPort, int healthPort)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HealthPort = healthPort;
        ProcessId = process.Id;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The silo's port: its address in run and job snapshots ends with it.</summary>
    public int SiloPort { get; }

    /// <summary>The port clients connect to.</summary>
    public int GatewayPort { get; }

    /// <summary>The port of the silo's HTTP endpoint (health and metrics).</summary>
    public int HealthPort { get; }

    /// <summary>The process id, as the countdown job records it (kept after the process is gone).</summary>
    public int ProcessId { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the silo printed, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts a silo with <paramref name="settings"/> (configuration keys, <c>:</c>-separated) on free ports (the
    /// health port may be given).
    /// </summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        var healthPort = settings.TryGetValue("Silo:HealthPort", out var chosen) ? int.Parse(chosen, System.Globalization.CultureInfo.InvariantCulture) : FreePorts.Next();
        var start = new ProcessStartInfo("dotnet", [SiloAssembly()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(SiloAssembly())!,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Silo__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Silo__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Silo__HealthPort"] = healthPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new SiloProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process."), siloPort, gatewayPort, healthPort);
    }

    /// <summary>GETs <paramref name="path"/> from the silo's HTTP endpoint: the status code and the body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{HealthPort}{path}"), cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Waits for the process to exit by itself; returns its exit code, or throws with its output after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo did not exit within {timeout}. Its output:\n{Output}");
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Asks the process to stop (SIGTERM), as an orchestrator scaling in does: the silo shuts down gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        kill?.WaitForExit();
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown, no goodbye to the cluster.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static string SiloAssembly() => BuiltBinaries.Find("silo", "Orleans.Jobs.Silo.dll");
}
