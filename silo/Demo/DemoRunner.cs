using Microsoft.Extensions.Hosting;

namespace Orleans.Jobs.Silo.Demo;

/// <summary>
/// Drives the silo's main command: the triggered sample import, then the scheduled offline-store import; then stops
/// the silo with exit code 0 when every run completed.
/// </summary>
internal sealed class DemoRunner(TriggeredDemo triggered, ScheduledDemo scheduled, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForStartAsync(stoppingToken);
        int completed = 0, failed = 0;
        try
        {
            (completed, failed) = await triggered.RunAsync(stoppingToken);
            var (scheduledCompleted, scheduledFailed) = await scheduled.RunAsync(stoppingToken);
            completed += scheduledCompleted;
            failed += scheduledFailed;
            Console.WriteLine();
            Console.WriteLine($"Done: {completed} run(s) completed, {failed} did not.");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Console.WriteLine("Stopping.");
        }
        finally
        {
            Environment.ExitCode = failed == 0 ? 0 : 1;
            lifetime.StopApplication();
        }
    }

    private async Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
    }
}
