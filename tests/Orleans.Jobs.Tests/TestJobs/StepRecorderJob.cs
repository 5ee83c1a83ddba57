using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Orleans.Jobs.Tests.TestJobs;

/// <summary>Parameters of <see cref="StepRecorderJob"/>.</summary>
public sealed record StepRecorderParameters
{
    /// <summary>Steps until complete.</summary>
    public int Steps { get; init; } = 3;

    /// <summary>Time each step takes, honouring cancellation.</summary>
    public int StepDelayMs { get; init; }

    /// <summary>This step throws while the run's attempt is at most <see cref="FailAttempts"/>.</summary>
    public int? FailAtStep { get; init; }

    public int FailAttempts { get; init; } = 1;

    /// <summary>Throw a non-retryable error instead.</summary>
    public bool NonRetryable { get; init; }

    /// <summary>On attempt 1 this step hangs for <see cref="HangMs"/>, ignoring cancellation.</summary>
    public int? HangAtStep { get; init; }

    public int HangMs { get; init; } = 5000;

    /// <summary>After this step the run sleeps for <see cref="SleepMs"/>.</summary>
    public int? SleepAfterStep { get; init; }

    public long SleepMs { get; init; } = 500;

    /// <summary>Instead of sleeping for <see cref="SleepMs"/>, sleep until this far past the engine's now (SleepUntil).</summary>
    public long? SleepUntilMs { get; init; }
}

/// <summary>State of <see cref="StepRecorderJob"/>: the next step to perform.</summary>
public sealed class StepRecorderState
{
    public int Next { get; set; }
}

/// <summary>
/// A test job that records every Prepare and Perform in <see cref="StepLedger"/> (the side effect a checkpoint must
/// never let run twice), and can fail, hang or sleep at a chosen step.
/// </summary>
public sealed class StepRecorderJob(ILocalSiloDetails silo) : Job<StepRecorderState>
{
    private StepRecorderParameters _parameters = new();

    public override Task<JobStatus<StepRecorderState>> PrepareAsync(
        JobParameters parameters, JobStatus<StepRecorderState>? resumeFrom, CancellationToken cancellationToken)
    {
        _parameters = parameters.As<StepRecorderParameters>();
        StepLedger.RecordPrepare(new PrepareRecord(Context.RunId, resumeFrom?.State.Next, Context.Attempt, silo.SiloAddress.ToString()));
        return Task.FromResult(resumeFrom ?? JobStatus.Start(new StepRecorderState()));
    }

    public override async Task<JobStatus<StepRecorderState>> PerformAsync(JobStatus<StepRecorderState> status, CancellationToken cancellationToken)
    {
        var step = status.State.Next;
        StepLedger.RecordStep(new StepRecord(Context.RunId, step, Context.Attempt, silo.SiloAddress.ToString(), Context.Time.GetUtcNow()));
        Context.Logger.LogInformation("Performing step {Step}", step);
        if (step == _parameters.HangAtStep && Context.Attempt == 1)
        {
            await Task.Delay(_parameters.HangMs, CancellationToken.None);
        }

        if (_parameters.StepDelayMs > 0)
        {
            await Task.Delay(_parameters.StepDelayMs, cancellationToken);
        }

        if (step == _parameters.FailAtStep && Context.Attempt <= _parameters.FailAttempts)
        {
            if (_parameters.NonRetryable)
            {
                throw new NonRetryableJobException($"step {step} cannot succeed");
            }

            throw new InvalidOperationException($"step {step} failed on attempt {Context.Attempt}");
        }

        status.State.Next = step + 1;
        if (status.State.Next >= _parameters.Steps)
        {
            return status.Complete(new { steps = status.State.Next });
        }

        if (step != _parameters.SleepAfterStep)
        {
            return status;
        }

        return _parameters.SleepUntilMs is { } until
            ? status.SleepUntil(Context.Time.GetUtcNow() + TimeSpan.FromMilliseconds(until))
            : status.Sleep(TimeSpan.FromMilliseconds(_parameters.SleepMs));
    }
}
