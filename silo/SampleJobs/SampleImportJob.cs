using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Silo.SampleJobs;

/// <summary>Parameters of <see cref="SampleImportJob"/>.</summary>
public sealed record SampleImportParameters
{
    /// <summary>Records to import. Default 40.</summary>
    public int Records { get; init; } = 40;

    /// <summary>Records fetched per step. Default 10.</summary>
    public int PageSize { get; init; } = 10;

    /// <summary>Simulated latency of fetching one page, in milliseconds. Default 400.</summary>
    public int FetchDelayMs { get; init; } = 400;
}

/// <summary>The phases of <see cref="SampleImportJob"/>.</summary>
public enum SampleImportPhase
{
    /// <summary>Decide what to import.</summary>
    Plan,

    /// <summary>Import one page per step.</summary>
    Import,

    /// <summary>Report and finish.</summary>
    Complete,
}

/// <summary>State of <see cref="SampleImportJob"/>: where the import is.</summary>
public sealed class SampleImportState
{
    public SampleImportPhase Phase { get; set; }

    public int NextRecord { get; set; }

    public int Imported { get; set; }
}

/// <summary>
/// The sample job: a state machine that imports records page by page (one page per step) through a batcher into
/// the <see cref="SampleWarehouse"/>. Every step is checkpointed, so after an eviction it resumes at the next page.
/// </summary>
public sealed class SampleImportJob(SampleWarehouse warehouse) : Job<SampleImportState>
{
    private SampleImportParameters _parameters = new();
    private Batcher<int>? _batcher;

    public override Task<JobStatus<SampleImportState>> PrepareAsync(
        JobParameters parameters, JobStatus<SampleImportState>? resumeFrom, CancellationToken cancellationToken)
    {
        _parameters = parameters.As<SampleImportParameters>();
        _batcher = Context.CreateBatcher<int>(25, (records, ct) => warehouse.StoreAsync(Context.RunId, records, ct));
        return Task.FromResult(resumeFrom ?? JobStatus.Start(new SampleImportState()));
    }

    public override async Task<JobStatus<SampleImportState>> PerformAsync(JobStatus<SampleImportState> status, CancellationToken cancellationToken)
    {
        var state = status.State;
        switch (state.Phase)
        {
            case SampleImportPhase.Plan:
                Context.Logger.LogInformation("Planning the import of {Records} records in pages of {PageSize}", _parameters.Records, _parameters.PageSize);
                state.Phase = SampleImportPhase.Import;
                return status;

            case SampleImportPhase.Import:
                var first = state.NextRecord;
                var last = Math.Min(first + _parameters.PageSize, _parameters.Records);
                await Task.Delay(TimeSpan.FromMilliseconds(_parameters.FetchDelayMs), Context.Time, cancellationToken);
                for (var record = first; record < last; record++)
                {
                    await _batcher!.AppendAsync(record, cancellationToken);
                }

                state.NextRecord = last;
                state.Imported += last - first;
                Context.Logger.LogInformation("Imported records {First}–{Last}", first, last - 1);
                if (last >= _parameters.Records)
                {
                    state.Phase = SampleImportPhase.Complete;
                }

                return status;

            default:
                Context.Logger.LogInformation("Import complete: {Imported} records", state.Imported);
                return status.Complete(new { imported = state.Imported });
        }
    }
}
