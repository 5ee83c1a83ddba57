namespace Orleans.Jobs.Tests.Fuzz;

/// <summary>
/// How hard the fuzzers push: the iteration counts of a CI run, times <c>JOBS_FUZZ_SCALE</c> (the longer mode on demand,
/// e.g. <c>JOBS_FUZZ_SCALE=20</c>). A failing case is reported with the seed CsCheck prints; <c>CsCheck_Seed</c> replays it.
/// </summary>
internal static class FuzzSettings
{
    public static long Scale => long.TryParse(Environment.GetEnvironmentVariable("JOBS_FUZZ_SCALE"), out var scale) && scale > 0 ? scale : 1;

    public static long Iterations(long ci) => ci * Scale;
}
