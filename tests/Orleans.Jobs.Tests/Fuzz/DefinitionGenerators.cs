using CsCheck;

namespace Orleans.Jobs.Tests.Fuzz;

/// <summary>
/// Generators of job definitions as a hostile or careless user writes them: mostly sensible, each field now and then at
/// a boundary or past it — dates at both ends of the calendar, huge, negative and zero durations, jitter at its limit,
/// long lists and long expressions, zones with odd daylight saving, unknown enum values.
/// </summary>
internal static class DefinitionGenerators
{
    /// <summary>The job type every generated definition uses when it uses a known one (registered by the fixtures).</summary>
    public const string KnownType = "step_recorder";

    private static readonly DateTimeOffset _now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    public static readonly Gen<DateTimeOffset> Instant = Gen.Frequency(
        (12, Gen.Long[-86_400L * 400, 86_400L * 400].Select(seconds => _now.AddSeconds(seconds))),
        (1, Gen.OneOf(
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddTicks(-1),
            ScheduleLimits.Latest, ScheduleLimits.Latest.AddTicks(1), new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero),
            new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(1969, 12, 31, 23, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(9998, 1, 1, 0, 0, 0, TimeSpan.Zero))),
        (1, Gen.Long[DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks].Select(ticks => new DateTimeOffset(ticks, TimeSpan.Zero))));

    private static readonly TimeSpan[] _boundaryDurations =
    [
        TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(999), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1),
        TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(1) + TimeSpan.FromTicks(1), TimeSpan.FromDays(49.7),
        TimeSpan.FromDays(60), TimeSpan.FromDays(366), TimeSpan.FromDays(367), TimeSpan.FromDays(36_524), TimeSpan.FromDays(36_525),
        TimeSpan.FromDays(10_000_000), TimeSpan.MaxValue, TimeSpan.MinValue, TimeSpan.FromSeconds(-1),
    ];

    /// <summary>Durations up to <paramref name="usual"/> mostly; now and then a boundary, or any tick count at all.</summary>
    public static Gen<TimeSpan> Duration(TimeSpan usual) => Gen.Frequency(
        (20, Gen.Long[0, usual.Ticks].Select(TimeSpan.FromTicks)),
        (1, Gen.OneOf(_boundaryDurations)),
        (1, Gen.Long.Select(TimeSpan.FromTicks)));

    private static readonly string[] _zones =
    [
        "UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu",
        "Pacific/Kiritimati", "Etc/GMT+12", "America/Santiago", "Africa/Casablanca", "Invalid/Zone", "", "../../etc/passwd",
        new string('A', 65), "Europe/Paris\0", "Europe Paris",
    ];

    public static readonly Gen<string> Zone = Gen.Frequency((12, Gen.OneOf(_zones[..10])), (1, Gen.OneOf(_zones)));

    private static readonly string[] _crons =
    [
        "*/5 * * * *", "0 0 6 * * ?", "0 0 * * *", "*/1 * * * * *", "0 30 2 * * *", "0 0 29 2 *", "0 0 31 2 *", "59 23 31 12 *",
        "0 0 L * *", "0 0 ? * MON-FRI", "0 0 1W * *", "0 0 * * 5L", "0 0 * * 1#3", "*/15 */2 1-10 */3 *", "0 0 1 1 *",
    ];

    private static readonly string[] _badCrons =
    [
        "", " ", "* * * *", "* * * * * * *", "60 * * * *", "*/0 * * * *", "a b c d e", "0 0 0 0 0", "1-100000 * * * *",
        "0\t0 * * *", "0 0 * * * \n", new string('*', 300),
    ];

    private static readonly Gen<string> _cron = Gen.Frequency(
        (12, Gen.OneOf(_crons)),
        (6, Gen.Select(Gen.Int[0, 59], Gen.Int[1, 30], Gen.Int[0, 23], (second, step, hour) => $"{second} */{step} {hour} * * *")),
        (1, Gen.OneOf(_badCrons)),
        (1, Gen.Int[1, 300].Select(count => string.Join(',', Enumerable.Range(0, count).Select(i => i % 60)) + " * * * *")),
        (1, Gen.String[Gen.Char["0-9*/,-? LW#"], 0, 400]));

    /// <summary>Ranges within <paramref name="minimum"/>–<paramref name="maximum"/> mostly; now and then any at all.</summary>
    private static Gen<CalendarRange> Range(int minimum, int maximum) => Gen.Frequency(
        (30, Gen.Select(Gen.Int[minimum, maximum], Gen.Int[0, 8], Gen.Int[1, 10], (start, length, step) =>
            new CalendarRange { Start = start, End = Math.Min(maximum, start + length), Step = step })),
        (1, Gen.Select(Gen.Int, Gen.Int, Gen.Int, (start, end, step) => new CalendarRange { Start = start, End = end, Step = step })),
        (1, Gen.OneOf(new CalendarRange { Start = minimum - 1, End = minimum }, new CalendarRange { Start = maximum, End = maximum + 1 })));

    private static readonly Gen<CalendarRange> _yearRange = Gen.Frequency(
        (12, Gen.Select(Gen.Int[1970, 2100], Gen.Int[0, 40], Gen.Int[1, 5], (start, length, step) => new CalendarRange { Start = start, End = start + length, Step = step })),
        (1, Gen.OneOf(
            new CalendarRange { Start = 9999, End = 9999 }, new CalendarRange { Start = 1970, End = 9999 }, new CalendarRange { Start = 1969, End = 1970 },
            new CalendarRange { Start = 10000, End = 10000 }, new CalendarRange { Start = 2026, End = 2026, Step = 0 })));

    private static Gen<CalendarField?> Field(Gen<CalendarRange> range) => Gen.Frequency(
        (10, Gen.Const<CalendarField?>((CalendarField?)null)),
        (4, Gen.Const<CalendarField?>(CalendarField.Every)),
        (8, range.Array[1, 4].Select(ranges => (CalendarField?)CalendarField.Of(ranges))),
        (1, range.Array[60, 80].Select(ranges => (CalendarField?)CalendarField.Of(ranges))));

    private static readonly Gen<CalendarSpec> _calendar = Gen.Select(
        Field(_yearRange), Field(Range(1, 12)), Field(Range(1, 31)), Field(Range(0, 6)), Field(Range(0, 23)), Field(Range(0, 59)), Field(Range(0, 59)),
        (year, month, day, weekday, hour, minute, second) => new CalendarSpec
        {
            Year = year, Month = month, DayOfMonth = day, DayOfWeek = weekday, Hour = hour, Minute = minute, Second = second,
        });

    public static readonly Gen<Schedule> Schedule = Gen.Frequency(
        (3, Gen.Select(_cron, Zone, (expression, zone) => (Schedule)new CronSchedule { Expression = expression, TimeZone = zone })),
        (3, Gen.Select(Duration(TimeSpan.FromDays(3)), Gen.Double[0, 1], Duration(TimeSpan.FromHours(1)), Gen.Int[0, 9], (every, fraction, offset, kind) =>
            (Schedule)new IntervalSchedule
            {
                Every = every < TimeSpan.FromSeconds(1) && every >= TimeSpan.Zero && kind > 0 ? TimeSpan.FromSeconds(1) + every : every,
                Offset = kind switch { 0 => offset, 1 => TimeSpan.Zero, _ => TimeSpan.FromTicks((long)(every.Ticks * fraction * 0.999)) },
            })),
        (3, Gen.Select(_calendar, Zone, (calendar, zone) => (Schedule)new CalendarSchedule { Calendar = calendar, TimeZone = zone })),
        (2, Instant.Select(at => (Schedule)new OneTimeSchedule { At = at })));

    private static readonly Gen<string> _id = Gen.Frequency(
        (40, Gen.String[Gen.Char["a-z0-9"], 1, 24].Select(suffix => $"fz-{suffix}")),
        (1, Gen.OneOf("", new string('a', 129), "bad id", "bad/id", "é", "a\0b")));

    private static readonly Gen<IReadOnlyDictionary<string, string>> _labels = Gen.Frequency(
        (20, Gen.Int[0, 3].Select(count => (IReadOnlyDictionary<string, string>)Enumerable.Range(0, count).ToDictionary(i => $"k{i}", i => $"v{i}"))),
        (1, Gen.Int[30, 40].Select(count => (IReadOnlyDictionary<string, string>)Enumerable.Range(0, count).ToDictionary(i => $"k{i}", i => "v"))),
        (1, Gen.OneOf<IReadOnlyDictionary<string, string>>(
            new Dictionary<string, string> { [new string('k', 64)] = "v" }, new Dictionary<string, string> { ["k"] = new string('v', 257) },
            new Dictionary<string, string> { ["bad key"] = "v" })));

    private static readonly Gen<RetryPolicy> _retry = Gen.Frequency(
        (8, Gen.Const(RetryPolicy.Default)),
        (2, Gen.Select(Gen.Int[0, 101], Duration(TimeSpan.FromHours(1)), Gen.Double[0.9, 101], Duration(TimeSpan.FromHours(22)), (attempts, initial, coefficient, more) =>
            new RetryPolicy { MaximumAttempts = attempts, InitialInterval = initial, BackoffCoefficient = coefficient, MaximumInterval = initial.Ticks > TimeSpan.MaxValue.Ticks - more.Ticks || initial < TimeSpan.Zero ? more : initial + more })));

    private static readonly Gen<MisfirePolicy> _misfire = Gen.Frequency(
        (6, Gen.Const(MisfirePolicy.Default)),
        (3, Gen.Select(Gen.Int[0, 30], Duration(TimeSpan.FromHours(2)), Gen.Int[0, 1001], Duration(TimeSpan.FromDays(30)), (action, threshold, catchUp, age) => new MisfirePolicy
        {
            Action = (MisfireAction)(action % 10 == 9 ? 7 : action % 3), Threshold = threshold, MaximumCatchUp = catchUp, MaximumCatchUpAge = age,
        })));

    private static readonly Gen<IReadOnlyList<Schedule>> _schedules = Gen.Frequency(
        (30, Schedule.Array[0, 3].Select(array => (IReadOnlyList<Schedule>)array)),
        (1, Schedule.Array[30, 34].Select(array => (IReadOnlyList<Schedule>)array)));

    private static readonly Gen<(DateTimeOffset? Start, DateTimeOffset? End, long? Limit, TimeSpan Jitter)> _timing = Gen.Select(
        Instant.Nullable(0.7), Instant.Nullable(0.7), Gen.Frequency((6, Gen.Const<long?>((long?)null)), (1, Gen.Long[-1, 5].Select(l => (long?)l)), (1, Gen.Const<long?>(long.MaxValue))),
        Gen.Frequency((4, Gen.Const(TimeSpan.Zero)), (2, Duration(TimeSpan.FromHours(12)))),
        (start, end, limit, jitter) => (start, end, limit, jitter));

    /// <summary>Definitions of all kinds: the job id is generated too, so each case is a job of its own.</summary>
    public static readonly Gen<JobDefinition> Definition = Gen.Select(
        _id,
        Gen.Frequency((20, Gen.Const(KnownType)), (1, Gen.OneOf("unknown_type", "", "payload"))),
        _schedules,
        _timing,
        _misfire,
        Gen.Select(_retry, Gen.Frequency((5, Gen.Const(TimeSpan.FromSeconds(60))), (1, Duration(TimeSpan.FromMinutes(30)))), Gen.Int[0, 30], (retry, deadline, overlap) => (retry, deadline, overlap)),
        Gen.Select(Gen.Frequency((5, Gen.Const<TimeSpan?>((TimeSpan?)null)), (1, Duration(TimeSpan.FromDays(90)).Select(d => (TimeSpan?)d))), _labels,
            Gen.Frequency((8, Gen.Const<string?>((string?)null)), (1, Gen.Int[1020, 1030].Select(n => (string?)new string('d', n)))), (within, labels, description) => (within, labels, description)),
        (id, type, schedules, timing, misfire, run, about) => new JobDefinition
        {
            Id = id,
            Type = type,
            Schedules = schedules,
            StartAt = timing.Start,
            EndAt = timing.End,
            Limit = timing.Limit,
            Jitter = timing.Jitter,
            Misfire = misfire,
            Retry = run.retry,
            StepDeadline = run.deadline,
            Overlap = run.overlap < 30 ? (OverlapPolicy)(run.overlap % 5) : (OverlapPolicy)99,
            SuccessWithin = about.within,
            Labels = about.labels,
            Description = about.description,
        });

    /// <summary>A generated case as JSON, so that a failure shows every schedule's fields.</summary>
    public static string Print<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, JobJson.Options);

    /// <summary>A definition as a user writes it in a file: JSON or YAML text, with durations in the forms files allow.</summary>
    public static readonly Gen<(string Text, bool Yaml)> DefinitionFile = Gen.Select(Definition, Gen.Bool, Gen.Int[0, 9], (definition, yaml, damage) =>
    {
        var json = System.Text.Json.JsonSerializer.Serialize(definition, JobJson.Options);
        json = damage switch
        {
            0 => json[..(json.Length / 2)],
            1 => json.Replace("\"every\":\"", "\"every\":\"1", StringComparison.Ordinal),
            2 => json.Replace("\"kind\":\"interval\"", "\"kind\":\"weekly\"", StringComparison.Ordinal),
            _ => json,
        };
        return (yaml ? ToYaml(json) : json, yaml);
    });

    private static string ToYaml(string json)
    {
        try
        {
            var graph = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<object?>(json);
            return new YamlDotNet.Serialization.SerializerBuilder().Build().Serialize(graph);
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return json;
        }
    }
}
