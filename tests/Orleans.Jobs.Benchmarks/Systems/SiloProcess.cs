using System.Diagnostics;
using System.Globalization;

namespace Orleans.Jobs.Benchmarks.Systems;

/// <summary>The silo binary (built with the harness) in a process of its own, configured through its environment.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Run snapshots name a silo by an address that ends with this port.</summary>
    public int SiloPort { get; }

    public static SiloProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var assembly = Path.Combine(Harness.RepositoryPaths.Find("silo"), "bin", Configuration, "net10.0", "Orleans.Jobs.Silo.dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is missing: build the solution ({Configuration}) first.");
        }

        var start = new ProcessStartInfo("dotnet", [assembly]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(assembly)! };
        var siloPort = Harness.FreePorts.Next();
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Silo__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Silo__GatewayPort"] = Harness.FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Silo__HealthPort"] = Harness.FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        return new SiloProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start a silo process."), siloPort);
    }

    /// <summary>SIGKILL: the silo gets no chance to hand anything over.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
