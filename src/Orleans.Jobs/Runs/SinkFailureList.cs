namespace Orleans.Jobs.Runs;

/// <summary>
/// A run's list of result deliveries given up, bounded: the newest <see cref="MostEntries"/>, each at most
/// <see cref="LongestEntry"/> characters, so that a sink failing for ever cannot grow the checkpoint. Pure.
/// </summary>
internal static class SinkFailureList
{
    public const int MostEntries = 20;

    public const int LongestEntry = 1024;

    public static IReadOnlyList<string> Append(IReadOnlyList<string> existing, IReadOnlyList<string> added)
    {
        var all = existing.Concat(added.Select(Shorten)).ToList();
        return all.Count <= MostEntries ? all : all[^MostEntries..];
    }

    private static string Shorten(string failure) =>
        failure.Length <= LongestEntry ? failure : string.Concat(failure.AsSpan(0, LongestEntry - 1), "…");
}
