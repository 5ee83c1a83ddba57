namespace Orleans.Jobs.Runs;

/// <summary>A Prepare or Perform outlived the job's step deadline and was abandoned; the attempt fails and may be retried.</summary>
internal sealed class StepDeadlineExceededException(TimeSpan deadline)
    : Exception($"The step did not finish within its deadline of {deadline.TotalSeconds:0.###} s and was abandoned.");
