using CsCheck;
using Orleans.Jobs.Cli.Input;
using Orleans.Jobs.Cli.Invocation;
using Xunit.Abstractions;

namespace Orleans.Jobs.Tests.Fuzz;

/// <summary>
/// Generated definition files — JSON and YAML, some cut short or with a bad value — through the CLI's file parser in
/// process, then the client library's checks. The invariant: the parser's input error, a refusal naming the field,
/// or a definition that passes; never anything else.
/// </summary>
public sealed class DefinitionFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jobs-fuzz-files-").FullName;

    [Fact]
    public void GeneratedDefinitionFiles_ParseOrFailAsInput_AndPassOrAreRefusedByField()
    {
        long parsed = 0, inputErrors = 0, refused = 0;
        var counter = 0L;
        DefinitionGenerators.DefinitionFile.Sample(
            (text, yaml) =>
            {
                var path = Path.Combine(_folder, $"definition-{Interlocked.Increment(ref counter)}.{(yaml ? "yaml" : "json")}");
                File.WriteAllText(path, text);
                JobDefinition definition;
                try
                {
                    definition = DefinitionFile.Read(path);
                }
                catch (CliInputException)
                {
                    Interlocked.Increment(ref inputErrors);
                    return;
                }

                try
                {
                    JobDefinitionRules.Validate(definition);
                    Interlocked.Increment(ref parsed);
                }
                catch (JobValidationException refusal)
                {
                    Assert.False(string.IsNullOrWhiteSpace(refusal.Field));
                    Interlocked.Increment(ref refused);
                }
            },
            writeLine: output.WriteLine,
            iter: FuzzSettings.Iterations(400),
            threads: 2);
        output.WriteLine($"{parsed} passed, {refused} refused by field, {inputErrors} not definitions");
        Assert.True(parsed >= 100 && refused >= 50 && inputErrors >= 20, $"{parsed} passed, {refused} refused, {inputErrors} input errors: the generator should give all three.");
    }

    [Fact]
    public void AYamlAlias_IsRefusedBeforeItCanExpand()
    {
        var path = Path.Combine(_folder, "laughs.yaml");
        File.WriteAllText(path, """
            a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            id: laughs
            type: step_recorder
            description: *c
            """);

        var refusal = Assert.Throws<CliInputException>(() => DefinitionFile.Read(path));
        Assert.Contains("alias", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileLargerThanAnyDefinition_IsRefusedUnread()
    {
        var path = Path.Combine(_folder, "huge.json");
        File.WriteAllText(path, "{\"id\":\"huge\",\"type\":\"step_recorder\",\"description\":\"" + new string('x', 3 * 1024 * 1024) + "\"}");

        var refusal = Assert.Throws<CliInputException>(() => DefinitionFile.Read(path));
        Assert.Contains("larger than 2 MiB", refusal.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
