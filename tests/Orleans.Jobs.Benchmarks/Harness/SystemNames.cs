namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>The systems compared, as they appear in the report.</summary>
internal static class SystemNames
{
    public const string Ours = "Orleans.Jobs";
    public const string Quartz = "Quartz.NET";
    public const string Hangfire = "Hangfire";
    public const string HangfirePostgres = "Hangfire (PostgreSQL)";
    public const string QuartzPostgres = "Quartz.NET (PostgreSQL)";
    public const string Limit = "limit";
}
