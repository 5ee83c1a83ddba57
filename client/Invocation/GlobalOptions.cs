using System.CommandLine;

namespace Orleans.Jobs.Cli.Invocation;

/// <summary>Options every verb takes: how to reach the cluster, and how to print.</summary>
internal sealed class GlobalOptions
{
    public Option<string[]> Gateway { get; } = new("--gateway", "-g")
    {
        Description = "A gateway host:port (repeatable). Default: from Storage__* settings (Table clustering), else 127.0.0.1:30000.",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> ClusterId { get; } = new("--cluster-id")
    {
        Description = "The cluster id (default: Silo__ClusterId, else orleans-jobs).",
        Recursive = true,
    };

    public Option<string?> ServiceId { get; } = new("--service-id")
    {
        Description = "The service id (default: Silo__ServiceId, else orleans-jobs).",
        Recursive = true,
    };

    public Option<int> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to wait for the cluster.",
        DefaultValueFactory = _ => 10,
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON instead of tables.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print stack traces and client logs on errors.",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Add(Gateway);
        root.Add(ClusterId);
        root.Add(ServiceId);
        root.Add(ConnectTimeout);
        root.Add(Json);
        root.Add(Verbose);
    }
}
