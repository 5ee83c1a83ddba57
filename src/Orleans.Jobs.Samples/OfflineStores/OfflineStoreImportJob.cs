using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Samples.OfflineStores;

/// <summary>
/// The seed's offline-store import: list the files modified since the last import, import them oldest first, one file
/// per step, through a batcher; after each file, record its timestamp in the job's key-value store, so the next run
/// (or a resume) starts after it; notify on completion. Unlike the seed, which pops the newest file first and so would
/// skip older files after a resume, files go oldest first and a file's timestamp is stored only once it is imported.
/// </summary>
public sealed class OfflineStoreImportJob(IOfflineStoreSource source, IOfflineStoreDestination destination) : Job<OfflineStoreImportState>
{
    /// <summary>The registered name of this job type.</summary>
    public const string TypeName = "offline_store_import";

    /// <summary>The key-value store key holding the newest imported file.</summary>
    public const string LastFileImportKey = "lastFileImport";

    private const string Activity = "Offline Store Import";
    private const int BatchSize = 100;

    private Batcher<OfflineStore>? _batcher;

    /// <inheritdoc />
    public override async Task<JobStatus<OfflineStoreImportState>> PrepareAsync(
        JobParameters parameters, JobStatus<OfflineStoreImportState>? resumeFrom, CancellationToken cancellationToken)
    {
        _batcher = Context.CreateBatcher<OfflineStore>(BatchSize, (stores, ct) => destination.UpsertAsync(stores, ct));
        if (resumeFrom is not null)
        {
            Context.Logger.LogInformation("Resuming the offline store import: {Files} files left, {Count} stores imported", resumeFrom.State.Files.Count, resumeFrom.State.Count);
            return resumeFrom;
        }

        var last = await Context.Store.GetAsync<LastFileImport>(LastFileImportKey, cancellationToken);
        Context.Logger.LogInformation("Preparing the offline store import after {LastFile}", last?.Name ?? "(nothing imported yet)");
        return JobStatus.Start(new OfflineStoreImportState { LastFileTimestamp = last?.Timestamp ?? 0 });
    }

    /// <inheritdoc />
    public override async Task<JobStatus<OfflineStoreImportState>> PerformAsync(JobStatus<OfflineStoreImportState> status, CancellationToken cancellationToken)
    {
        var state = status.State;
        switch (state.Phase)
        {
            case ImportPhase.FetchFiles:
                await FetchFilesAsync(state, cancellationToken);
                return status.WithProgress(state.FilesImported, state.Files.Count);
            case ImportPhase.ImportFiles:
                await ImportNextFileAsync(state, cancellationToken);
                return status.WithProgress(state.FilesImported, state.Files.Count);
            default:
                Context.Logger.LogInformation("Offline store import complete: {Count} stores from {Files} file(s)", state.Count, state.FilesImported);
                await Context.Notifications.SuccessAsync(Activity, "Imported data", $"Imported {state.Count} offline stores from {state.FilesImported} files", cancellationToken);
                return status.Complete(new { imported = state.Count, files = state.FilesImported });
        }
    }

    private async Task FetchFilesAsync(OfflineStoreImportState state, CancellationToken cancellationToken)
    {
        IReadOnlyList<StorageFile> files;
        try
        {
            files = await source.ListFilesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Context.Logger.LogError(exception, "Failed to list the offline store files");
            await Context.Notifications.ErrorAsync(Activity, "Failed to list offline store files", $"Reason: {exception.Message}", cancellationToken);
            throw;
        }

        state.Files = [.. files.Where(f => f.LastModified > state.LastFileTimestamp).OrderBy(f => f.LastModified).ThenBy(f => f.Name, StringComparer.Ordinal)];
        state.Phase = state.Files.Count == 0 ? ImportPhase.Complete : ImportPhase.ImportFiles;
        if (state.Files.Count == 0)
        {
            Context.Logger.LogInformation("No new files since the last import");
        }
        else
        {
            Context.Logger.LogInformation("Found {Count} new file(s): {Files}", state.Files.Count, string.Join(", ", state.Files.Select(f => f.Name)));
        }
    }

    private async Task ImportNextFileAsync(OfflineStoreImportState state, CancellationToken cancellationToken)
    {
        if (state.Files.Count == 0)
        {
            state.Phase = ImportPhase.Complete;
            return;
        }

        var file = state.Files[0];
        Context.Logger.LogInformation("Importing offline stores from {File}", file.Name);
        IReadOnlyList<OfflineStore> stores;
        try
        {
            stores = await source.ReadFileAsync(file.Name, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Context.Logger.LogError(exception, "Failed to read {File}", file.Name);
            await Context.Notifications.ErrorAsync(Activity, $"Failed to import {file.Name}", $"Reason: {exception.Message}", cancellationToken);
            throw;
        }

        foreach (var store in stores)
        {
            await _batcher!.AppendAsync(store, cancellationToken);
        }

        // The stores are stored before the file counts as imported: a resume imports it again (upserts), never skips it.
        await _batcher!.FlushAsync(cancellationToken);
        await Context.Store.PutAsync(LastFileImportKey, new LastFileImport(file.LastModified, file.Name), cancellationToken);
        state.Files.RemoveAt(0);
        state.LastFileTimestamp = file.LastModified;
        state.Count += stores.Count;
        state.FilesImported++;
    }
}
