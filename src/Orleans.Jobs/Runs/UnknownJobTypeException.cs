namespace Orleans.Jobs.Runs;

/// <summary>A run names a job type this silo does not have; retrying on the same silo cannot help.</summary>
internal sealed class UnknownJobTypeException(string type, string silo, IReadOnlyList<string> registered)
    : Exception($"Job type '{type}' is not registered on silo {silo}; it knows: {(registered.Count == 0 ? "(none)" : string.Join(", ", registered))}.");
