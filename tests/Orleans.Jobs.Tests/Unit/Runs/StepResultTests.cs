using System.Text.Json;
using Orleans.Jobs.Runs;

namespace Orleans.Jobs.Tests.Unit.Runs;

public sealed class StepResultTests
{
    private static readonly DateTimeOffset _now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly JsonElement _state = JsonSerializer.SerializeToElement(new { n = 1 });

    [Fact]
    public void Read_SleepFor_WakesThatLongFromNow_AndCommitsThePlainStatus()
    {
        var result = StepResult.Read(new JobCheckpoint { State = _state, SleepFor = TimeSpan.FromSeconds(30) }, _now);

        Assert.Equal(_now.AddSeconds(30), result.WakeAt);
        Assert.True(result.AsksToWait);
        Assert.False(result.Complete);
        Assert.Null(result.Checkpoint.SleepFor);
        Assert.Equal(TimeSpan.FromSeconds(30), result.WaitAt(_now));
        Assert.Equal(TimeSpan.Zero, result.WaitAt(_now.AddMinutes(1)));
    }

    [Fact]
    public void Read_WakeAt_WinsOverSleepFor()
    {
        var result = StepResult.Read(new JobCheckpoint { State = _state, WakeAt = _now.AddHours(1), SleepFor = TimeSpan.FromSeconds(1) }, _now);

        Assert.Equal(_now.AddHours(1), result.WakeAt);
        Assert.Null(result.Checkpoint.WakeAt);
        Assert.Null(result.Checkpoint.SleepFor);
    }

    [Fact]
    public void Read_PlainStatus_AsksNoWait_AndIsCommittedAsItIs()
    {
        var status = new JobCheckpoint { State = _state, Complete = true };

        var result = StepResult.Read(status, _now);

        Assert.Same(status, result.Checkpoint);
        Assert.Null(result.WakeAt);
        Assert.False(result.AsksToWait);
        Assert.True(result.Complete);
    }
}
