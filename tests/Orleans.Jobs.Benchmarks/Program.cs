using System.CommandLine;
using Orleans.Jobs.Benchmarks.Harness;
using Orleans.Jobs.Benchmarks.Scenarios;

// Orleans.Jobs side by side with Quartz.NET and Hangfire, and the machine's limits. Quick mode is the CI smoke check:
// every scenario must complete and count its work (exit 1 otherwise). Full mode is for docs/benchmarks.md.
var mode = new Option<string>("--mode") { Description = "quick (one repetition, small sizes) or full (warm-up, 3 alternating repetitions)", DefaultValueFactory = _ => "quick" };
var only = new Option<string?>("--only") { Description = "Comma-separated scenario ids to run: L,P1,P2,P3,P4,P5,P6 (default: all)" };
var systemsOption = new Option<string?>("--systems") { Description = "Comma-separated systems to measure: Orleans.Jobs, Quartz.NET, Hangfire, limit (default: all)" };
var report = new Option<FileInfo?>("--report") { Description = "Also write the Markdown results to this file" };
var root = new RootCommand("Orleans.Jobs benchmarks") { mode, only, systemsOption, report };
root.SetAction(async (parse, cancellationToken) =>
{
    var chosen = parse.GetValue(mode) switch
    {
        "quick" => BenchmarkMode.Quick,
        "full" => BenchmarkMode.Full,
        var other => throw new ArgumentException($"--mode must be quick or full, not '{other}'."),
    };
    IScenario[] all = [new LimitsScenario(), new DrainScenario(), new DurableScenario(), new PunctualityScenario(), new IdleTriggerScenario(), new PopulationScenario(), new FailoverScenario()];
    var ids = parse.GetValue(only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    var unknown = ids?.Where(id => !all.Any(s => s.Id.Equals(id, StringComparison.OrdinalIgnoreCase))).ToList();
    if (unknown is { Count: > 0 })
    {
        Console.Error.WriteLine($"Unknown scenario(s): {string.Join(", ", unknown)}; known: {string.Join(", ", all.Select(s => s.Id))}.");
        return 2;
    }

    await using var context = new BenchmarkContext(chosen);
    var results = new BenchmarkResults();
    foreach (var line in MachineReport.Lines(context))
    {
        Console.WriteLine(line);
    }

    var systems = parse.GetValue(systemsOption)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    var runner = new BenchmarkRunner(context, results, systems);
    foreach (var scenario in all.Where(s => ids is null || ids.Contains(s.Id, StringComparer.OrdinalIgnoreCase)))
    {
        await runner.RunAsync(scenario, cancellationToken);
    }

    var markdown = ReportWriter.Write(context, results);
    Console.WriteLine();
    Console.WriteLine(markdown);
    if (parse.GetValue(report) is { } file)
    {
        await File.WriteAllTextAsync(file.FullName, markdown, cancellationToken);
    }

    if (results.Failures.Count > 0)
    {
        Console.Error.WriteLine($"{results.Failures.Count} scenario check(s) failed:\n  {string.Join("\n  ", results.Failures)}");
        return 1;
    }

    Console.WriteLine("benchmarks: every scenario completed and counted its work");
    return 0;
});
return await root.Parse(args).InvokeAsync();
