namespace Orleans.Jobs.Silo.Hosting;

/// <summary>How silos find each other (<c>Silo:Clustering</c>).</summary>
public enum ClusteringMode
{
    /// <summary>One silo on this machine. The default.</summary>
    Localhost,

    /// <summary>Membership in a Table of the storage account: any number of silo processes, no primary.</summary>
    Table,
}
