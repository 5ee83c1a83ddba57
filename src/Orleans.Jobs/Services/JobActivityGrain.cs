using Microsoft.Extensions.Options;
using Orleans.Jobs.Configuration;

namespace Orleans.Jobs.Services;

/// <summary>A job's activity log: one grain per job, bounded, newest first.</summary>
internal sealed class JobActivityGrain(
    [PersistentState("activity", JobsStorageNames.GrainStorage)] IPersistentState<JobActivityState> state,
    IOptions<JobsOptions> options) : Grain, IJobActivityGrain, IJobActivityWriterGrain
{
    private const int MaximumActivityLength = 256;
    private const int MaximumTitleLength = 512;
    private const int MaximumSummaryLength = 8 * 1024;

    public async Task AddAsync(ActivityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Check("activity", entry.Activity, MaximumActivityLength);
        Check("title", entry.Title, MaximumTitleLength);
        if (entry.Summary is { Length: > MaximumSummaryLength })
        {
            throw new JobValidationException("summary", $"is {entry.Summary.Length} characters; the limit is {MaximumSummaryLength}.");
        }

        var entries = state.State.Entries;
        entries.Insert(0, entry);
        if (entries.Count > options.Value.ActivityLimit)
        {
            entries.RemoveRange(options.Value.ActivityLimit, entries.Count - options.Value.ActivityLimit);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ActivityEntry>> ListAsync(int limit)
    {
        if (limit < 1)
        {
            throw new JobValidationException("limit", $"must be at least 1, not {limit}.");
        }

        return Task.FromResult<IReadOnlyList<ActivityEntry>>([.. state.State.Entries.Take(limit)]);
    }

    public async Task ClearAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new JobActivityState();
    }

    private static void Check(string field, string? value, int maximum)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maximum)
        {
            throw new JobValidationException(field, $"must be 1–{maximum} characters and not blank.");
        }
    }
}
