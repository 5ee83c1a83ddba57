using System.Collections.Concurrent;

namespace Orleans.Jobs.Testing;

/// <summary>Activity notifications for tests: every entry kept, oldest first.</summary>
public sealed class RecordingJobNotifier(TimeProvider time) : IJobNotifier
{
    private readonly ConcurrentQueue<ActivityEntry> _entries = new();

    /// <summary>The entries, oldest first.</summary>
    public IReadOnlyList<ActivityEntry> Entries => [.. _entries];

    /// <inheritdoc />
    public Task SuccessAsync(string activity, string title, string summary, CancellationToken cancellationToken = default) =>
        Add(ActivityLevel.Success, activity, title, summary);

    /// <inheritdoc />
    public Task WarningAsync(string activity, string title, string summary, CancellationToken cancellationToken = default) =>
        Add(ActivityLevel.Warning, activity, title, summary);

    /// <inheritdoc />
    public Task ErrorAsync(string activity, string title, string summary, CancellationToken cancellationToken = default) =>
        Add(ActivityLevel.Error, activity, title, summary);

    private Task Add(ActivityLevel level, string activity, string title, string summary)
    {
        _entries.Enqueue(new ActivityEntry { At = time.GetUtcNow(), Level = level, Activity = activity, Title = title, Summary = summary });
        return Task.CompletedTask;
    }
}
