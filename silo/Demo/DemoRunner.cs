using Microsoft.Extensions.Hosting;

namespace Orleans.Jobs.Silo.Demo;

/// <summary>Runs the scheduled demo once the silo has started, then stops the silo: exit code 0 when every run completed.</summary>
internal sealed class DemoRunner(ScheduledDemo demo, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForStartAsync(stoppingToken);
        var failed = 0;
        try
        {
            (var completed, failed) = await demo.RunAsync(stoppingToken);
            Console.WriteLine();
            Console.WriteLine($"Done: {completed} run(s) completed, {failed} did not.");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Console.WriteLine("Stopping.");
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"The demo failed: {exception.Message}");
            failed = 1;
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
