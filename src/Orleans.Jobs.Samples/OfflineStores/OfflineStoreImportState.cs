namespace Orleans.Jobs.Samples.OfflineStores;

/// <summary>The import's phases, as in the seed.</summary>
public enum ImportPhase
{
    /// <summary>List the files newer than the last import.</summary>
    FetchFiles,

    /// <summary>Import one file per step, oldest first.</summary>
    ImportFiles,

    /// <summary>Report and finish.</summary>
    Complete,
}

/// <summary>The import's checkpointed state.</summary>
public sealed class OfflineStoreImportState
{
    /// <summary>Files still to import, oldest first.</summary>
    public List<StorageFile> Files { get; set; } = [];

    /// <summary>The last-modified time (Unix ms) of the newest file imported, by this run or an earlier one.</summary>
    public long LastFileTimestamp { get; set; }

    /// <summary>Stores imported by this run.</summary>
    public int Count { get; set; }

    /// <summary>Files imported by this run.</summary>
    public int FilesImported { get; set; }

    /// <summary>Where the run is.</summary>
    public ImportPhase Phase { get; set; }
}
