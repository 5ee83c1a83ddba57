namespace Orleans.Jobs;

/// <summary>
/// How missed fires are handled. A fire is missed when the job could not act on it until more than
/// <see cref="Threshold"/> after its time: the cluster was down, the job paused. Orleans skips reminder ticks it
/// missed, so missed fires are computed from the stored next-fire time.
/// </summary>
[GenerateSerializer, Immutable, Alias("Orleans.Jobs.MisfirePolicy")]
public sealed record MisfirePolicy
{
    /// <summary>Fire once now, 60 s threshold.</summary>
    public static MisfirePolicy Default { get; } = new();

    /// <summary>What to do. Default <see cref="MisfireAction.FireOnce"/>.</summary>
    [Id(0)]
    public MisfireAction Action { get; init; } = MisfireAction.FireOnce;

    /// <summary>A fire acted on later than this is missed; earlier, it is merely late and runs. Default 60 s.</summary>
    [Id(1)]
    public TimeSpan Threshold { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>For <see cref="MisfireAction.CatchUp"/>: at most this many missed fires run (the newest). Default 10.</summary>
    [Id(2)]
    public int MaximumCatchUp { get; init; } = 10;

    /// <summary>For <see cref="MisfireAction.CatchUp"/>: fires older than this are not run. Default 1 day.</summary>
    [Id(3)]
    public TimeSpan MaximumCatchUpAge { get; init; } = TimeSpan.FromDays(1);
}
