namespace Orleans.Jobs.Cli.Connection;

/// <summary>How to reach the cluster, from the global options.</summary>
internal sealed record ConnectionSettings(IReadOnlyList<string> Gateways, string? ClusterId, string? ServiceId, TimeSpan ConnectTimeout, bool Verbose);
