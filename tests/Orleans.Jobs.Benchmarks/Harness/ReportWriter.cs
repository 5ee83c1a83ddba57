using System.Text;

namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>
/// The results as Markdown: one table per scenario, a row per figure, a column per system (median, and min–max when
/// repeated), and the ratio of Orleans.Jobs to the best peer.
/// </summary>
internal static class ReportWriter
{
    public static string Write(BenchmarkContext context, BenchmarkResults results)
    {
        var text = new StringBuilder();
        foreach (var line in MachineReport.Lines(context))
        {
            text.AppendLine($"- {line}");
        }

        foreach (var scenario in results.Measurements.GroupBy(m => m.Scenario))
        {
            var systems = scenario.Select(m => m.System).Distinct().ToList();
            text.AppendLine().AppendLine($"### {scenario.Key}").AppendLine();
            text.AppendLine($"| figure | {string.Join(" | ", systems)} |{(systems.Count > 1 && systems[0] == SystemNames.Ours ? " ours ÷ best peer |" : "")}");
            text.AppendLine($"|---|{string.Concat(systems.Select(_ => "---|"))}{(systems.Count > 1 && systems[0] == SystemNames.Ours ? "---|" : "")}");
            foreach (var figure in scenario.GroupBy(m => (m.Metric, m.Unit)))
            {
                var cells = systems.Select(s => figure.SingleOrDefault(m => m.System == s) is { } m ? Cell(m) : "–");
                var row = $"| {figure.Key.Metric}{(figure.Key.Unit is "" ? "" : $" ({figure.Key.Unit})")} | {string.Join(" | ", cells)} |";
                if (systems.Count > 1 && systems[0] == SystemNames.Ours)
                {
                    row += $" {Ratio(figure.ToList())} |";
                }

                text.AppendLine(row);
            }
        }

        foreach (var note in results.Notes)
        {
            text.AppendLine().AppendLine(note);
        }

        return text.ToString();
    }

    private static string Cell(Measurement measurement) => measurement.Values.Count > 1
        ? $"{BenchmarkResults.Format(measurement.Median)} ({BenchmarkResults.Format(measurement.Min)}–{BenchmarkResults.Format(measurement.Max)})"
        : BenchmarkResults.Format(measurement.Median);

    /// <summary>Ours over the best peer, so above 1 is better for a higher-is-better figure and worse otherwise.</summary>
    private static string Ratio(List<Measurement> figure)
    {
        var ours = figure.SingleOrDefault(m => m.System == SystemNames.Ours);
        var peers = figure.Where(m => m.System != SystemNames.Ours && !double.IsNaN(m.Median)).ToList();
        if (ours is null || peers.Count == 0)
        {
            return "–";
        }

        var best = ours.HigherIsBetter ? peers.Max(p => p.Median) : peers.Min(p => p.Median);
        return best == 0 ? "–" : $"{ours.Median / best:0.00}×";
    }
}
