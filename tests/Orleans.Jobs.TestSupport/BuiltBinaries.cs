namespace Orleans.Jobs.TestSupport;

/// <summary>Finds the executables built with the solution (the silo, the <c>jobs</c> CLI), in the running program's configuration.</summary>
public static class BuiltBinaries
{
    public static string Find(string projectDirectory, string assembly)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name; // …/bin/{Configuration}/net10.0/
        for (var directory = testOutput; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, projectDirectory, "bin", configuration, "net10.0", assembly);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{projectDirectory}/bin/{configuration}/net10.0/{assembly} is not built.");
    }
}
