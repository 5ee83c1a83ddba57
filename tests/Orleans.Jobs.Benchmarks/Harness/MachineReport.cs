using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>The machine, the runtime, the versions and the settings a run measured with.</summary>
internal static class MachineReport
{
    public static IReadOnlyList<string> Lines(BenchmarkContext context) =>
    [
        $"machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024))} GiB",
        $"runtime: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, concurrent {GCSettings.LatencyMode != GCLatencyMode.Batch}, Release {IsRelease()}",
        $"versions: Orleans {Version(typeof(Grain))}, Quartz.NET {Version(typeof(Quartz.IScheduler))}, Hangfire {Version(typeof(Hangfire.BackgroundJob))}, Hangfire.InMemory {Version(typeof(Hangfire.InMemory.InMemoryStorage))}, Azure.Storage.Blobs {Version(typeof(Azure.Storage.Blobs.BlobServiceClient))}",
        $"mode: {context.Mode.Name} — {context.Mode.Repetitions} repetition(s) per system, alternating{(context.Mode.WarmUp ? ", after a warm-up of each" : "")}",
        $"settings: Quartz RAMJobStore with a thread pool of {context.Mode.Workers}; Hangfire.InMemory with {context.Mode.Workers} workers; Orleans.Jobs: one silo in process (localhost clustering, default options, in-memory storage unless the scenario says Azurite), the .NET thread pool; {context.Concurrency} calls in flight where a scenario registers or triggers in bulk",
    ];

    private static string Version(Type type) =>
        type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+', ' ')[0].TrimEnd('.') ?? type.Assembly.GetName().Version?.ToString() ?? "?";

    private static bool IsRelease() =>
        typeof(MachineReport).Assembly.GetCustomAttribute<System.Diagnostics.DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
}
