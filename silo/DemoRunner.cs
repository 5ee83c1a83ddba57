using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Logs;
using Orleans.Jobs.Silo.SampleJobs;

namespace Orleans.Jobs.Silo;

/// <summary>
/// Drives the silo's main command: creates the sample job, triggers runs one after another and shows each run's
/// steps and log lines as they happen, then stops the silo.
/// </summary>
internal sealed class DemoRunner(
    IGrainFactory grains,
    IRunLogStore logs,
    SampleWarehouse warehouse,
    IOptions<DemoOptions> options,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    private const string JobId = "sample-import";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForStartAsync(stoppingToken);
        var completed = 0;
        var failures = 0;
        try
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
            for (var i = 1; options.Value.Runs == 0 || i <= options.Value.Runs; i++)
            {
                stoppingToken.ThrowIfCancellationRequested();
                var run = await job.TriggerAsync(new TriggerRequest { IdempotencyKey = $"demo-{session}-{i}" });
                if (await FollowAsync(run, stoppingToken))
                {
                    completed++;
                }
                else
                {
                    failures++;
                }
            }

            Console.WriteLine($"Done: {completed} run(s) completed, {failures} did not.");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Console.WriteLine("Stopping.");
        }
        finally
        {
            Environment.ExitCode = failures == 0 ? 0 : 1;
            lifetime.StopApplication();
        }
    }

    private async Task<bool> FollowAsync(RunSnapshot started, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"▶ run {started.RunId} started on {started.Silo}");
        var run = grains.GetGrain<IRunGrain>(started.RunId);
        var clock = Stopwatch.StartNew();
        var shownLines = 0;
        var snapshot = started;
        while (true)
        {
            var lines = await logs.ReadAsync(started.RunId, shownLines, 100, cancellationToken);
            foreach (var line in lines)
            {
                Console.WriteLine($"  {line.Timestamp.ToLocalTime():HH:mm:ss.fff}  {line.Level,-11} {line.Message}");
            }

            shownLines += lines.Count;
            if (snapshot.IsFinished && lines.Count == 0)
            {
                break;
            }

            snapshot = await run.WaitAsync(TimeSpan.FromMilliseconds(200));
        }

        var imported = warehouse.StoredFor(started.RunId);
        Console.WriteLine(snapshot.Status == RunStatus.Completed
            ? $"✔ {snapshot.Status}: {snapshot.Step} steps, {imported} records stored, {clock.Elapsed.TotalSeconds:0.0} s, result at {snapshot.ResultReference}"
            : $"✖ {snapshot.Status} after attempt {snapshot.Attempt}: {snapshot.Error?.Message}");
        return snapshot.Status == RunStatus.Completed;
    }

    private async Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
    }
}
