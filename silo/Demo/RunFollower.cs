using System.Diagnostics;
using Orleans.Jobs.Logs;

namespace Orleans.Jobs.Silo.Demo;

/// <summary>Prints a run's log lines as they are written, then how it ended.</summary>
internal sealed class RunFollower(IGrainFactory grains, IRunLogStore logs)
{
    /// <summary>Follows <paramref name="started"/> to its end; <paramref name="describe"/> adds what the run produced.</summary>
    public async Task<bool> FollowAsync(RunSnapshot started, string heading, Func<RunSnapshot, Task<string>> describe, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"{heading} {started.RunId} on {started.Silo}");
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

            snapshot = await run.WaitAsync(TimeSpan.FromMilliseconds(200)).WaitAsync(cancellationToken);
        }

        Console.WriteLine(snapshot.Status == RunStatus.Completed
            ? $"✔ {snapshot.Status}: {snapshot.Step} steps, {await describe(snapshot)}, {clock.Elapsed.TotalSeconds:0.0} s, result at {snapshot.ResultReference}"
            : $"✖ {snapshot.Status} after attempt {snapshot.Attempt}: {snapshot.Error?.Message ?? snapshot.TerminationReason}");
        return snapshot.Status == RunStatus.Completed;
    }
}
