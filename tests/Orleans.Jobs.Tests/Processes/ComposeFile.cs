using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Orleans.Jobs.Tests.Processes;

/// <summary>
/// The repository's <c>docker-compose.yml</c>, read (YAML merge keys resolved) so that the process tests start their
/// silos with the very settings the compose deployment uses.
/// </summary>
internal static class ComposeFile
{
    private static readonly Lazy<Dictionary<object, object>> _document = new(Load);

    public static string Path { get; } = Find("docker-compose.yml");

    /// <summary>The repository's root directory.</summary>
    public static string Root => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>The shared silo environment (<c>x-silo-environment</c>) as configuration keys (<c>:</c>-separated).</summary>
    public static Dictionary<string, string> SiloSettings() => Environment("x-silo-environment");

    /// <summary>The mapping at <paramref name="path"/>, e.g. <c>services</c>, <c>silo1</c>, <c>environment</c>.</summary>
    public static Dictionary<string, object> Mapping(params string[] path)
    {
        var node = _document.Value;
        foreach (var key in path)
        {
            node = node.TryGetValue(key, out var child) && child is Dictionary<object, object> mapping
                ? mapping
                : throw new InvalidOperationException($"docker-compose.yml has no mapping at {string.Join('.', path)}.");
        }

        return node.ToDictionary(p => (string)p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>An environment mapping (at <paramref name="path"/>) as configuration keys.</summary>
    public static Dictionary<string, string> Environment(params string[] path) =>
        Mapping(path).ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => (string)p.Value, StringComparer.Ordinal);

    private static Dictionary<object, object> Load()
    {
        using var reader = new StreamReader(Path);
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
    }

    private static string Find(string file)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, file);
            if (File.Exists(candidate) && File.Exists(System.IO.Path.Combine(directory.FullName, "Orleans.Jobs.sln")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No {file} next to Orleans.Jobs.sln above {AppContext.BaseDirectory}.");
    }
}
