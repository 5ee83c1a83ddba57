namespace Orleans.Jobs.Tests.Readme;

// The README's quick-start job, verbatim: keep the two in step.
public sealed class ImportState
{
    public int Page { get; set; }
    public int Imported { get; set; }
}

public sealed class PageImportJob : Job<ImportState>
{
    public override Task<JobStatus<ImportState>> PrepareAsync(
        JobParameters parameters, JobStatus<ImportState>? resumeFrom, CancellationToken cancellationToken) =>
        Task.FromResult(resumeFrom ?? JobStatus.Start(new ImportState()));

    public override async Task<JobStatus<ImportState>> PerformAsync(
        JobStatus<ImportState> status, CancellationToken cancellationToken)
    {
        var pages = Context.Parameters.Get("pages", 3);
        if (status.State.Page == pages)
        {
            return status.Complete(new { status.State.Imported });
        }

        await Task.Delay(TimeSpan.FromMilliseconds(100), Context.Time, cancellationToken); // fetch one page
        status.State.Page++;
        status.State.Imported += 50;
        return status; // checkpointed by the engine before the next step
    }
}
