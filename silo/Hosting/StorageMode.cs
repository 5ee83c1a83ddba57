namespace Orleans.Jobs.Silo.Hosting;

/// <summary>Where the silo keeps its data (<c>Storage:Mode</c>).</summary>
public enum StorageMode
{
    /// <summary>Azure Storage on a local Azurite the silo starts from the repository's <c>azurite/</c>. The default.</summary>
    Azurite,

    /// <summary>Azure Storage at <c>Storage:ConnectionString</c>, or at <c>Storage:BlobServiceUri</c> and <c>Storage:TableServiceUri</c> with Azure.Identity.</summary>
    Azure,

    /// <summary>In this process's memory: gone when it stops.</summary>
    InMemory,
}
