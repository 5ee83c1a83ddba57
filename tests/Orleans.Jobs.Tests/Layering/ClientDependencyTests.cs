using System.Text.Json;

namespace Orleans.Jobs.Tests.Layering;

/// <summary>
/// The CLI and the client library are clients of the cluster: neither may bring the server, the runtime or the silo's
/// storage providers along. Read from what NuGet resolved for each (<c>obj/project.assets.json</c>).
/// </summary>
public sealed class ClientDependencyTests
{
    private static readonly string[] _forbidden = ["Microsoft.Orleans.Server", "Orleans.Jobs", "Orleans.Jobs.AzureStorage"];

    [Theory]
    [InlineData("client")]
    [InlineData("src/Orleans.Jobs.Client")]
    public void ResolvedDependencies_HoldNeitherTheServerNorTheRuntime(string project)
    {
        var (roots, graph) = Read(project);

        var found = _forbidden.Select(name => (name, path: PathTo(name, roots, graph))).Where(f => f.path is not null).ToList();

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found.Select(f => $"{project} depends on {f.name} through {string.Join(" → ", f.path!)}")));
    }

    [Fact]
    public void TheCheck_FindsTheServerWhereItIs()
    {
        // The silo host takes the server, through the Azure Storage providers among others: the walk must see it.
        var (roots, graph) = Read("silo");

        Assert.NotNull(PathTo("Microsoft.Orleans.Server", roots, graph));
        Assert.NotNull(PathTo("Orleans.Jobs", roots, graph));
    }

    /// <summary>The shortest chain from one of the project's own references to <paramref name="name"/>, or null.</summary>
    private static List<string>? PathTo(string name, IReadOnlyList<string> roots, IReadOnlyDictionary<string, string[]> graph)
    {
        var parents = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>();
        foreach (var root in roots)
        {
            if (parents.TryAdd(root, null))
            {
                queue.Enqueue(root);
            }
        }

        while (queue.TryDequeue(out var library))
        {
            if (string.Equals(library, name, StringComparison.OrdinalIgnoreCase))
            {
                var path = new List<string>();
                for (string? at = library; at is not null; at = parents[at])
                {
                    path.Insert(0, at);
                }

                return path;
            }

            foreach (var dependency in graph.GetValueOrDefault(library) ?? [])
            {
                if (parents.TryAdd(dependency, library))
                {
                    queue.Enqueue(dependency);
                }
            }
        }

        return null;
    }

    private static (IReadOnlyList<string> Roots, IReadOnlyDictionary<string, string[]> Graph) Read(string project)
    {
        var assets = Path.Combine(RepositoryRoot(), project, "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"{assets} is missing: restore the solution first.");
        using var document = JsonDocument.Parse(File.ReadAllText(assets));
        var root = document.RootElement;
        var target = root.GetProperty("targets").EnumerateObject().Single(t => t.Name.StartsWith("net10.0", StringComparison.Ordinal)).Value;
        var graph = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in target.EnumerateObject())
        {
            var dependencies = library.Value.TryGetProperty("dependencies", out var d) ? d.EnumerateObject().Select(p => p.Name).ToArray() : [];
            graph[library.Name[..library.Name.IndexOf('/', StringComparison.Ordinal)]] = dependencies;
        }

        var roots = root.GetProperty("projectFileDependencyGroups").EnumerateObject().Single(g => g.Name.StartsWith("net10.0", StringComparison.Ordinal)).Value
            .EnumerateArray().Select(e => e.GetString()!.Split(' ')[0]).ToList();
        Assert.NotEmpty(roots);
        return (roots, graph);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.Jobs.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Orleans.Jobs.sln above {AppContext.BaseDirectory}.");
    }
}
