namespace Orleans.Jobs.Configuration;

/// <summary>Names under which Orleans.Jobs looks up its storage.</summary>
public static class JobsStorageNames
{
    /// <summary>The grain storage provider holding job definitions and run checkpoints.</summary>
    public const string GrainStorage = "OrleansJobs";
}
