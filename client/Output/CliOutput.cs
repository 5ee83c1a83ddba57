using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Jobs.Cli.Output;

/// <summary>
/// Where commands print: aligned tables with colour when the terminal supports it (Spectre.Console), or indented JSON
/// with <c>--json</c>. Errors go to standard error, one line each. Times are shown in the local zone.
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions _json = new(JobJson.Options) { WriteIndented = true };

    public CliOutput(bool json)
    {
        IsJson = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (System.Console.IsOutputRedirected)
        {
            // A pipe has no width: keep rows on one line for grep and friends.
            Console.Profile.Width = 240;
        }
    }

    public IAnsiConsole Console { get; }

    public bool IsJson { get; }

    /// <summary>The zone times are shown in, for table captions.</summary>
    public static string Zone => TimeZoneInfo.Local.Id;

    public void Json(object? value) => System.Console.Out.WriteLine(JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), _json));

    public void Write(IRenderable renderable) => Console.Write(renderable);

    public void Line(string markup) => Console.MarkupLine(markup);

    public void Text(string text) => Console.WriteLine(text);

    public static void Error(string message) => System.Console.Error.WriteLine($"error: {message}");

    /// <summary>A table with the given columns, its caption naming the time zone.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded).Caption($"[grey]times in {Markup.Escape(Zone)}[/]");
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn($"[bold]{Markup.Escape(column)}[/]"));
        }

        return table;
    }

    /// <summary>Two columns of name and value, for one object.</summary>
    public static Grid Details(IEnumerable<(string Name, string? Value)> rows)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var (name, value) in rows)
        {
            grid.AddRow(new Markup($"[bold]{Markup.Escape(name)}[/]"), new Text(value ?? "—"));
        }

        return grid;
    }

    /// <summary>A time in the local zone with its offset, e.g. <c>2026-11-23 15:02:11 +01:00</c>.</summary>
    public static string Local(DateTimeOffset? time) =>
        time is { } value ? value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static string Duration(TimeSpan duration) =>
        duration.TotalSeconds < 60 ? $"{duration.TotalSeconds:0.0} s"
        : duration.TotalMinutes < 60 ? $"{(int)duration.TotalMinutes} min {duration.Seconds} s"
        : $"{(int)duration.TotalHours} h {duration.Minutes} min";

    /// <summary>A status word in its colour.</summary>
    public static Markup Status(string status)
    {
        var colour = status.ToLowerInvariant() switch
        {
            "completed" or "delivered" or "healthy" or "scheduled" => "green",
            "failed" or "unhealthy" => "red",
            "terminated" or "cancelled" or "paused" or "dropped" => "yellow",
            "running" or "pending" or "queued" or "retrying" or "sleeping" => "blue",
            _ => "default",
        };
        return new Markup($"[{colour}]{Markup.Escape(status.ToLowerInvariant())}[/]");
    }

    public static string Labels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "" : string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}"));
}
