using Microsoft.Extensions.Options;
using Orleans.Jobs.Silo.SampleJobs;

namespace Orleans.Jobs.Silo.Demo;

/// <summary>The first half of the main command: the <c>sample-import</c> job, triggered by hand run after run.</summary>
internal sealed class TriggeredDemo(IGrainFactory grains, RunFollower follower, SampleWarehouse warehouse, IOptions<DemoOptions> options)
{
    private const string JobId = "sample-import";

    /// <summary>Creates the job and triggers <c>--runs</c> runs one after another; returns (completed, not completed).</summary>
    public async Task<(int Completed, int Failed)> RunAsync(CancellationToken cancellationToken)
    {
        var job = grains.GetGrain<IJobGrain>(JobId);
        var created = await job.CreateAsync(new JobDefinition
        {
            Id = JobId,
            Type = "sample_import",
            Parameters = JobParameters.From(new SampleImportParameters { Records = options.Value.Records }),
            Description = "Imports records page by page, one checkpointed step per page.",
        });
        Console.WriteLine($"Job '{JobId}' ({created.Definition.Type}, version {created.Version}) is ready.");
        var session = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        int completed = 0, failed = 0;
        for (var i = 1; i <= options.Value.Runs; i++)
        {
            var run = await job.TriggerAsync(new TriggerRequest { IdempotencyKey = $"demo-{session}-{i}" });
            var ok = await follower.FollowAsync(run, "▶ run", s => $"{warehouse.StoredFor(s.RunId)} records stored", cancellationToken);
            (completed, failed) = ok ? (completed + 1, failed) : (completed, failed + 1);
        }

        return (completed, failed);
    }
}
