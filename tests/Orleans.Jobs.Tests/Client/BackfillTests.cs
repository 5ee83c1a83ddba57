using Orleans.Jobs.Client;
using Orleans.Jobs.Tests.Cluster;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Client;

/// <summary>Backfill through the client on a 3-silo cluster: what it queues, its cap, its overlap policy, its refusals.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BackfillTests(ClusterFixture fixture)
{
    private static readonly TimeSpan _every = TimeSpan.FromMinutes(10);

    private readonly JobsClient _client = fixture.JobsClient;

    /// <summary>An every-10-minutes job whose schedule ended a minute ago, so no live fire mixes in.</summary>
    private static JobDefinition PastSchedule(string id, int stepDelayMs) => StepRecorder(id, new { steps = 2, stepDelayMs }) with
    {
        Schedules = [Schedule.Interval(_every)],
        EndAt = DateTimeOffset.UtcNow.AddMinutes(-1),
    };

    [Fact]
    public async Task Backfill_RunsEveryPastOccurrence_OldestFirst_NeverMoreThanTheCapAtOnce()
    {
        var id = NewId("backfill-cap");
        await _client.Jobs.CreateAsync(PastSchedule(id, stepDelayMs: 150));
        var request = new BackfillRequest { From = DateTimeOffset.UtcNow.AddHours(-1), To = DateTimeOffset.UtcNow.AddMinutes(-1), MaxConcurrency = 2 };

        var preview = await _client.Jobs.BackfillAsync(id, request with { DryRun = true });
        Assert.Empty(await _client.History.GetRunsAsync(id));
        Assert.Null((await _client.Jobs.GetAsync(id)).Backfill);
        var result = await _client.Jobs.BackfillAsync(id, request);
        var job = await WaitUntilAsync(() => _client.Jobs.GetAsync(id), j => j.Backfill?.FinishedAt is not null, what: "the backfill to finish");

        Assert.True(preview.DryRun);
        Assert.Equal(preview.Queued, result.Queued);
        Assert.InRange(result.Occurrences, 5, 6);
        Assert.Equal((result.Occurrences, 0), (result.Queued.Count, result.AlreadyRun));
        Assert.All(result.Queued, o => Assert.Equal(0, o.ToUnixTimeSeconds() % (long)_every.TotalSeconds));
        Assert.Equal(result.Queued.Order(), result.Queued);
        var history = await _client.History.GetRunsAsync(id);
        Assert.Equal(
            result.Queued.Select(o => JobIds.RunId(id, job.Generation, JobIds.ScheduledOccurrence(o))).Order(StringComparer.Ordinal),
            history.Select(h => h.RunId).Order(StringComparer.Ordinal));
        Assert.All(history, h => Assert.Equal(RunStatus.Completed, h.Status));
        Assert.Equal(2, MostAtOnce(history));
        Assert.Equal((result.Queued.Count, 0, 0), (job.Backfill!.Started, job.Backfill.Pending, job.Backfill.ActiveRuns.Count));
        var ledger = await _client.History.GetOccurrencesAsync(id);
        Assert.Equal(result.Queued.Order(), ledger.Where(r => r.Outcome == OccurrenceOutcome.Backfilled).Select(r => r.Occurrence).Order());
        Assert.Equal(0, job.ScheduledRuns);
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task Backfill_OfARangeAlreadyRun_QueuesNothing_AndBadRangesAreRefusedByField()
    {
        var id = NewId("backfill-again");
        await _client.Jobs.CreateAsync(PastSchedule(id, stepDelayMs: 0));
        var request = new BackfillRequest { From = DateTimeOffset.UtcNow.AddMinutes(-35), To = DateTimeOffset.UtcNow.AddMinutes(-1), MaxConcurrency = 5 };
        var first = await _client.Jobs.BackfillAsync(id, request);
        await WaitUntilAsync(() => _client.Jobs.GetAsync(id), j => j.Backfill?.FinishedAt is not null, what: "the first backfill to finish");

        var second = await _client.Jobs.BackfillAsync(id, request with { From = request.From.AddMinutes(-20) });
        var future = await Assert.ThrowsAsync<JobValidationException>(() => _client.Jobs.BackfillAsync(id, request with { To = DateTimeOffset.UtcNow.AddMinutes(5) }));
        var reversed = await Assert.ThrowsAsync<JobValidationException>(() => _client.Jobs.BackfillAsync(id, request with { From = request.To.AddMinutes(1) }));
        var cap = await Assert.ThrowsAsync<JobValidationException>(() => _client.Jobs.BackfillAsync(id, request with { MaxConcurrency = 0 }));
        var tooMany = await Assert.ThrowsAsync<JobValidationException>(() => _client.Jobs.BackfillAsync(id, request with { From = DateTimeOffset.UtcNow.AddYears(-1) }));
        await WaitUntilAsync(() => _client.Jobs.GetAsync(id), j => j.Backfill?.FinishedAt is not null, what: "the second backfill to finish");

        Assert.Equal((first.Queued.Count, 0), (second.AlreadyRun, second.Occurrences - second.AlreadyRun - second.Queued.Count));
        Assert.InRange(second.Queued.Count, 1, 2);
        Assert.All(second.Queued, o => Assert.True(o < request.From));
        Assert.Equal(("to", "from", "maxConcurrency", "to"), (future.Field, reversed.Field, cap.Field, tooMany.Field));
        Assert.Contains("BackfillLimit", tooMany.Message, StringComparison.Ordinal);
        Assert.Equal(first.Queued.Count + second.Queued.Count, (await _client.History.GetRunsAsync(id)).Count);
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task Backfill_WaitForIdle_StartsOnlyAfterTheLiveRun_AndCancelDropsWhatIsLeft()
    {
        var id = NewId("backfill-idle");
        await _client.Jobs.CreateAsync(PastSchedule(id, stepDelayMs: 300));
        var live = await _client.Jobs.TriggerAsync(id, new TriggerRequest());
        var request = new BackfillRequest { From = DateTimeOffset.UtcNow.AddHours(-1), To = DateTimeOffset.UtcNow.AddMinutes(-1), Overlap = BackfillOverlap.WaitForIdle };

        var result = await _client.Jobs.BackfillAsync(id, request);
        var conflict = await Assert.ThrowsAsync<JobConflictException>(() => _client.Jobs.BackfillAsync(id, request));
        await WaitUntilAsync(() => _client.History.GetRunsAsync(id), h => h.Count >= 2, what: "the live run and the first backfill run to finish");
        var cancelled = await _client.Jobs.CancelAsync(id, "enough history");
        await WaitUntilAsync(() => _client.Jobs.GetAsync(id), j => j.Backfill?.ActiveRuns.Count == 0, what: "the running backfill run to end");

        var history = await _client.History.GetRunsAsync(id);
        var liveRun = Assert.Single(history, h => h.RunId == live.RunId);
        Assert.All(history.Where(h => h.RunId != live.RunId), h => Assert.True(h.StartedAt >= liveRun.FinishedAt, $"{h.RunId} started at {h.StartedAt:O}, before the live run ended at {liveRun.FinishedAt:O}"));
        Assert.Contains("under way", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(0, cancelled.Backfill!.Pending);
        Assert.InRange(cancelled.Backfill.Started, 1, result.Queued.Count - 1);
        var ledger = await _client.History.GetOccurrencesAsync(id);
        Assert.Equal(result.Queued.Count - cancelled.Backfill.Started, ledger.Count(r => r.Outcome == OccurrenceOutcome.Cancelled));
        await _client.Jobs.DeleteAsync(id);
    }

    /// <summary>The most runs whose [start, finish] intervals overlap at one instant.</summary>
    private static int MostAtOnce(IEnumerable<RunHistoryEntry> runs) =>
        runs.SelectMany(r => new[] { (At: r.StartedAt, Delta: 1), (At: r.FinishedAt, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta)
            .Aggregate((Current: 0, Most: 0), (acc, e) => (acc.Current + e.Delta, Math.Max(acc.Most, acc.Current + e.Delta)))
            .Most;
}
