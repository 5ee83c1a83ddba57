namespace Orleans.Jobs.Cli.Connection;

/// <summary>The client could not connect to the cluster, or lost it.</summary>
internal sealed class ClusterUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
