using Microsoft.Extensions.Options;
using Orleans.Jobs.Samples.OfflineStores;

namespace Orleans.Jobs.Silo.Demo;

/// <summary>
/// The main command's work: uploads the seed's offline stores (three files), puts the <c>offline-stores</c> import on a
/// cron schedule, keeps dropping new files between fires, and shows each fire as the job's ledger records it, each
/// run's steps, and the stores landing in the destination.
/// </summary>
internal sealed class ScheduledDemo(IGrainFactory grains, RunFollower follower, IDemoStores stores, TimeProvider time, IOptions<DemoOptions> options)
{
    private const string JobId = "offline-stores";
    private static readonly string[] _cities = ["New York City", "London", "Paris", "Tokyo", "San Francisco", "Sydney", "Berlin", "Toronto"];

    /// <summary>Runs the demo until <c>--runs</c> scheduled runs finished (0: until stopped); returns (completed, not completed).</summary>
    public async Task<(int Completed, int Failed)> RunAsync(CancellationToken cancellationToken)
    {
        await stores.PrepareAsync(cancellationToken);
        foreach (var (name, seed) in SeedOfflineStores.Files)
        {
            var added = await stores.AddFileAsync(name, seed, cancellationToken);
            Console.WriteLine(added ? $"Uploaded {name} ({seed.Count} stores)." : $"{name} is there from an earlier run.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken); // distinct modification times: the import goes oldest first
        }

        var since = time.GetUtcNow();
        var job = await EnsureJobAsync();
        Console.WriteLine();
        Console.WriteLine($"Job '{JobId}' fires on cron '{Cron}'; next fire {job.NextFireAt?.ToLocalTime():HH:mm:ss}. Stores land in {stores.Destination}.");

        using var feeding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var feeder = FeedAsync(feeding.Token);
        var seen = new HashSet<DateTimeOffset>();
        int completed = 0, failed = 0;
        var grain = grains.GetGrain<IJobGrain>(JobId);
        try
        {
            while (options.Value.Runs == 0 || completed + failed < options.Value.Runs)
            {
                var ledger = await grain.GetOccurrencesAsync(50);
                foreach (var record in ledger.Reverse().Where(r => r.Outcome != OccurrenceOutcome.Buffered && r.Occurrence >= since && seen.Add(r.Occurrence)))
                {
                    if (record is not { Outcome: OccurrenceOutcome.Started, RunId: { } runId })
                    {
                        Console.WriteLine($"· fire {record.Occurrence.ToLocalTime():HH:mm:ss}: {record.Outcome} ({record.Detail})");
                        continue;
                    }

                    var run = await grains.GetGrain<IRunGrain>(runId).GetStatusAsync();
                    var ok = await follower.FollowAsync(run, $"⏰ fire {record.Occurrence.ToLocalTime():HH:mm:ss} → run", async _ => $"{await stores.CountImportedAsync(cancellationToken)} stores in {stores.Destination}", cancellationToken);
                    (completed, failed) = ok ? (completed + 1, failed) : (completed, failed + 1);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
        finally
        {
            await feeding.CancelAsync();
            await feeder.ContinueWith(_ => { }, TaskScheduler.Default);
            await grain.PauseAsync();
        }

        return (completed, failed);
    }

    private string Cron => $"*/{options.Value.EverySeconds} * * * * *";

    /// <summary>Creates the job, or brings one left by an earlier run up to date and resumes it.</summary>
    private async Task<JobSnapshot> EnsureJobAsync()
    {
        var grain = grains.GetGrain<IJobGrain>(JobId);
        var definition = new JobDefinition
        {
            Id = JobId,
            Type = OfflineStoreImportJob.TypeName,
            Schedules = [Schedule.Cron(Cron)],
            Misfire = new MisfirePolicy { Action = MisfireAction.Skip },
            Description = "Imports offline-store files newer than the last import, oldest first, one file per step.",
        };
        JobSnapshot job;
        try
        {
            job = await grain.CreateAsync(definition);
        }
        catch (JobConflictException)
        {
            job = await grain.UpdateAsync(definition, (await grain.GetAsync()).Version);
        }

        // An earlier run of the demo paused the job when it stopped.
        return job.PausedAt is null ? job : await grain.ResumeAsync();
    }

    /// <summary>Drops a new file of two stores into the source every two fires or so.</summary>
    private async Task FeedAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.EverySeconds * 2);
        for (var n = 1; !cancellationToken.IsCancellationRequested; n++)
        {
            await Task.Delay(period, time, cancellationToken);
            var name = $"stores-{time.GetUtcNow():yyyyMMdd-HHmmss}.json";
            await stores.AddFileAsync(name, [.. Enumerable.Range(1, 2).Select(i => new OfflineStore
            {
                Id = $"{name}-{i}",
                Name = $"Pop-up shop {n}.{i}",
                Location = _cities[(n + i) % _cities.Length],
            })], cancellationToken);
        }
    }
}
