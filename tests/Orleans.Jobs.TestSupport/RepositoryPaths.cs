namespace Orleans.Jobs.TestSupport;

/// <summary>Finds folders of the repository from wherever the harness runs.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository folder holding <paramref name="relative"/>, searching up from the current and the program's folder.</summary>
    public static string Find(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, relative);
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "Orleans.Jobs.sln")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException($"No '{relative}' folder of the Orleans.Jobs repository above the current or the program's folder.");
    }
}
