using Microsoft.Extensions.Options;
using Orleans.Jobs.Samples.OfflineStores;

namespace Orleans.Jobs.Silo.Demo;

/// <summary>
/// The second half of the main command: the <c>offline-stores</c> job on a cron schedule, importing the files a feeder
/// drops into the source between fires. Shows each fire as the job's ledger records it, and each run's steps.
/// </summary>
internal sealed class ScheduledDemo(IGrainFactory grains, RunFollower follower, InMemoryOfflineStores stores, IOptions<DemoOptions> options)
{
    private const string JobId = "offline-stores";

    /// <summary>Creates the job and follows <c>--scheduled-runs</c> scheduled runs (0: until stopped); returns (completed, not completed).</summary>
    public async Task<(int Completed, int Failed)> RunAsync(CancellationToken cancellationToken)
    {
        var every = options.Value.EverySeconds;
        var job = grains.GetGrain<IJobGrain>(JobId);
        var created = await job.CreateAsync(new JobDefinition
        {
            Id = JobId,
            Type = OfflineStoreImportJob.TypeName,
            Schedules = [Schedule.Cron($"*/{every} * * * * *")],
            Description = "Imports offline-store files newer than the last import, oldest first, one file per step.",
        });
        Console.WriteLine();
        Console.WriteLine($"Job '{JobId}' fires every {every} s (cron '*/{every} * * * * *'); next fire {created.NextFireAt?.ToLocalTime():HH:mm:ss}.");

        using var feeding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var feeder = FeedAsync(feeding.Token);
        var seen = new HashSet<DateTimeOffset>();
        int completed = 0, failed = 0;
        try
        {
            while (options.Value.ScheduledRuns == 0 || completed + failed < options.Value.ScheduledRuns)
            {
                var ledger = await job.GetOccurrencesAsync(50);
                foreach (var record in ledger.Reverse().Where(r => r.Outcome != OccurrenceOutcome.Buffered && seen.Add(r.Occurrence)))
                {
                    if (record is not { Outcome: OccurrenceOutcome.Started, RunId: { } runId })
                    {
                        Console.WriteLine($"· fire {record.Occurrence.ToLocalTime():HH:mm:ss}: {record.Outcome} ({record.Detail})");
                        continue;
                    }

                    var run = await grains.GetGrain<IRunGrain>(runId).GetStatusAsync();
                    var ok = await follower.FollowAsync(run, $"⏰ fire {record.Occurrence.ToLocalTime():HH:mm:ss} → run", _ => $"{stores.Imported.Count} stores imported in all", cancellationToken);
                    (completed, failed) = ok ? (completed + 1, failed) : (completed, failed + 1);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
        finally
        {
            await feeding.CancelAsync();
            await feeder.ContinueWith(_ => { }, TaskScheduler.Default);
            await job.PauseAsync();
        }

        return (completed, failed);
    }

    /// <summary>Drops a new file of stores into the source a little more often than the job fires.</summary>
    private async Task FeedAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, options.Value.EverySeconds * 2 / 3.0));
        for (var n = 1; !cancellationToken.IsCancellationRequested; n++)
        {
            var name = $"stores-{DateTimeOffset.UtcNow:HHmmss}-{n}.json";
            stores.AddFile(name, DateTimeOffset.UtcNow, [.. Enumerable.Range(1, 3).Select(i => new OfflineStore
            {
                Id = $"{name}-{i}",
                Name = $"Shop {n}.{i}",
                Location = _cities[(n + i) % _cities.Length],
            })]);
            await Task.Delay(period, cancellationToken);
        }
    }

    private static readonly string[] _cities = ["New York City", "London", "Paris", "Tokyo", "San Francisco", "Sydney", "Berlin", "Toronto"];
}
