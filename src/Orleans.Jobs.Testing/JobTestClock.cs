using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Orleans.Jobs.Testing;

/// <summary>
/// A fake clock that knows when its live timers are due, so a test runner can move time straight to the next one
/// while a step waits (a <c>Task.Delay(…, Context.Time)</c> completes at once in real time, late in fake time).
/// </summary>
public sealed class JobTestClock : FakeTimeProvider
{
    private readonly ConcurrentDictionary<TrackedTimer, byte> _timers = new();

    /// <summary>Creates a clock starting at <paramref name="start"/>.</summary>
    public JobTestClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>The earliest time a live timer is due, or <see langword="null"/> when none is.</summary>
    public DateTimeOffset? NextTimerDue
    {
        get
        {
            DateTimeOffset? earliest = null;
            foreach (var timer in _timers.Keys)
            {
                if (timer.DueAt is { } due && (earliest is null || due < earliest))
                {
                    earliest = due;
                }
            }

            return earliest;
        }
    }

    /// <summary>Advances the clock to the next due timer, if any is due later than now. Returns whether it moved.</summary>
    public bool AdvanceToNextTimer()
    {
        var now = GetUtcNow();
        if (NextTimerDue is not { } due)
        {
            return false;
        }

        if (due > now)
        {
            Advance(due - now);
        }
        else
        {
            // Due now: a zero advance makes the fake clock fire it.
            Advance(TimeSpan.Zero);
        }

        return true;
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var tracked = new TrackedTimer(this, callback, state, period);
        tracked.Schedule(dueTime, period);
        tracked.Inner = base.CreateTimer(static s => ((TrackedTimer)s!).Fire(), tracked, dueTime, period);
        return tracked;
    }

    private sealed class TrackedTimer(JobTestClock clock, TimerCallback callback, object? state, TimeSpan period) : ITimer
    {
        private readonly Lock _lock = new();
        private TimeSpan _period = period;
        private DateTimeOffset? _dueAt;

        public ITimer? Inner { get; set; }

        public DateTimeOffset? DueAt
        {
            get
            {
                lock (_lock)
                {
                    return _dueAt;
                }
            }
        }

        public void Schedule(TimeSpan dueTime, TimeSpan newPeriod)
        {
            lock (_lock)
            {
                _period = newPeriod;
                _dueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            }

            clock._timers[this] = 0;
        }

        public void Fire()
        {
            lock (_lock)
            {
                _dueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : clock.GetUtcNow() + _period;
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan newPeriod)
        {
            Schedule(dueTime, newPeriod);
            return Inner!.Change(dueTime, newPeriod);
        }

        public void Dispose()
        {
            clock._timers.TryRemove(this, out _);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
