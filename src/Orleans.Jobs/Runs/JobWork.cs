namespace Orleans.Jobs.Runs;

/// <summary>What one job instance works on: the run (or payload item) it serves, the attempt, and its parameters.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="RunId">The run id.</param>
/// <param name="Occurrence">The occurrence (<c>item-{index}</c> for a payload item).</param>
/// <param name="OccurrenceTime">The scheduled fire time, or the trigger time.</param>
/// <param name="Parameters">The parameters Prepare receives.</param>
/// <param name="Attempt">The attempt, from 1.</param>
internal sealed record JobWork(string JobId, string RunId, string Occurrence, DateTimeOffset OccurrenceTime, JobParameters Parameters, int Attempt);
