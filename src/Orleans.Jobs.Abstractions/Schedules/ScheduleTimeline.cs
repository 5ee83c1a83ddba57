namespace Orleans.Jobs;

/// <summary>A job's fires: the union of its schedules, from its start time to its end date.</summary>
public static class ScheduleTimeline
{
    /// <summary>The first fire strictly after <paramref name="after"/>, or <see langword="null"/> when the schedule is over.</summary>
    public static DateTimeOffset? NextAfter(JobDefinition definition, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.StartAt is { } start && after < start && start > DateTimeOffset.MinValue)
        {
            after = start.AddTicks(-1);
        }

        DateTimeOffset? next = null;
        foreach (var schedule in definition.Schedules)
        {
            if (schedule.NextAfter(after) is { } candidate && (next is null || candidate < next))
            {
                next = candidate;
            }
        }

        return next is { } fire && definition.EndAt is { } end && fire > end ? null : next;
    }

    /// <summary>Up to <paramref name="count"/> fires after <paramref name="after"/>, in order.</summary>
    public static IReadOnlyList<DateTimeOffset> Upcoming(JobDefinition definition, DateTimeOffset after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var fires = new List<DateTimeOffset>(count);
        while (fires.Count < count && NextAfter(definition, after) is { } next)
        {
            fires.Add(next);
            after = next;
        }

        return fires;
    }

    /// <summary>
    /// The delay in [0, <paramref name="jitter"/>) for one occurrence: derived from the job id and occurrence, so every
    /// silo that computes it again after a failover gets the same instant.
    /// </summary>
    public static TimeSpan JitterFor(string jobId, DateTimeOffset occurrence, TimeSpan jitter)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        if (jitter <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // FNV-1a over the id and the occurrence's ticks: stable across processes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var c in jobId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var ticks = occurrence.UtcTicks;
        for (var i = 0; i < 8; i++, ticks >>= 8)
        {
            hash = (hash ^ (byte)ticks) * 1099511628211UL;
        }

        return TimeSpan.FromTicks((long)(hash % (ulong)jitter.Ticks));
    }
}
