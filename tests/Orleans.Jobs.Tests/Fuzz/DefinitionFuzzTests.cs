using System.Text.Json;
using CsCheck;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Scheduling;
using Orleans.Jobs.Storage;
using Xunit.Abstractions;

namespace Orleans.Jobs.Tests.Fuzz;

/// <summary>
/// Generated definitions through validation and planning, without a cluster. The invariant: a refusal that names its
/// field, or a definition that plans (every slice within its bound, a backlog worked off), stores and reloads equal.
/// </summary>
public sealed class DefinitionFuzzTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset[] _clocks =
    [
        new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero), new(2026, 3, 29, 0, 59, 59, TimeSpan.Zero), ScheduleLimits.Latest.AddDays(-1),
        new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UnixEpoch,
    ];

    private static readonly TimeSpan[] _backlogs = [TimeSpan.Zero, TimeSpan.FromMinutes(5), TimeSpan.FromHours(3)];

    private static JobDefinitionValidator Validator(JobsOptions options) =>
        new(new JobTypeRegistry([new JobTypeRegistration(DefinitionGenerators.KnownType, typeof(TestJobs.StepRecorderJob))]), Options.Create(options));

    [Fact]
    public void GeneratedDefinitions_AreRefusedByField_OrPlanStoreAndReload()
    {
        var options = new JobsOptions();
        var validator = Validator(options);
        long valid = 0, refused = 0;
        var fields = new Dictionary<string, int>();
        Gen.Select(DefinitionGenerators.Definition, Gen.Int[0, _clocks.Length - 1], Gen.Int[0, _backlogs.Length - 1]).Sample(
            (definition, clock, backlog) =>
            {
                try
                {
                    validator.Validate(definition);
                }
                catch (JobValidationException refusal)
                {
                    Assert.False(string.IsNullOrWhiteSpace(refusal.Field), $"A refusal names no field: {refusal.Message}");
                    lock (fields)
                    {
                        var key = System.Text.RegularExpressions.Regex.Replace(refusal.Field, @"\[\d+\]", "[]");
                        fields[key] = fields.GetValueOrDefault(key) + 1;
                    }

                    Interlocked.Increment(ref refused);
                    return;
                }

                Interlocked.Increment(ref valid);
                PlanStoreAndReload(definition, options, _clocks[clock], _backlogs[backlog]);
            },
            writeLine: output.WriteLine,
            iter: FuzzSettings.Iterations(20_000),
            print: DefinitionGenerators.Print,
            threads: 2);
        output.WriteLine($"{valid} valid, {refused} refused: {string.Join(", ", fields.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value}"))}");
        Assert.True(valid > 2_000 && refused > 2_000, $"The generator should give both kinds: {valid} valid, {refused} refused.");
    }

    [Fact]
    public void ThreeDaysOfFiresEverySecond_AreWorkedOffInBoundedSlices()
    {
        var now = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        var options = new JobsOptions();
        var planner = new SchedulePlanner(Options.Create(options), time);
        var definition = new JobDefinition
        {
            Id = "behind",
            Type = DefinitionGenerators.KnownType,
            Schedules = [.. Enumerable.Range(0, 32).Select(i => (Schedule)Schedule.Interval(TimeSpan.FromSeconds(1)))],
            Misfire = new MisfirePolicy { Action = MisfireAction.CatchUp, MaximumCatchUp = 100, MaximumCatchUpAge = TimeSpan.FromDays(366) },
            Overlap = OverlapPolicy.AllowConcurrent,
        };
        var state = new JobState { Definition = definition, Generation = 1, NextFireAt = now.AddDays(-3) };
        var slices = 0;
        ScheduleDecisions decisions;
        var started = new List<DateTimeOffset>();
        do
        {
            decisions = planner.HandleDue(definition.Id, state, OccurrenceOutcome.Missed);
            Assert.InRange(decisions.Examined, 0, planner.MostStepsPerSlice(definition));
            started.AddRange(decisions.Start);
            slices++;
        }
        while (decisions.MoreDue && slices < 10_000);

        Assert.False(decisions.MoreDue);
        Assert.Null(state.Backlog);
        Assert.True(state.NextFireAt > now);

        // What the policy runs: of the newest 101 due fires (those judged one by one), the 61 within the 60 s threshold
        // and the 40 late ones the catch-up allows; a summary counts the rest.
        Assert.Equal(101, started.Count);
        Assert.Equal(now, started.Max());
        Assert.Equal(now.AddSeconds(-100), started.Min());
        Assert.True(slices > 10, $"{slices} slices: three days of fires are more than a few slices' work.");
        Assert.Contains(state.Ledger, record => record.Detail == $"{(3 * 86_400) - 100} earlier fires were not run either");
        output.WriteLine($"{slices} slices of at most {planner.MostStepsPerSlice(definition)} steps");
    }

    internal static void PlanStoreAndReload(JobDefinition definition, JobsOptions options, DateTimeOffset now, TimeSpan backlog)
    {
        var time = new FakeTimeProvider(now);
        var planner = new SchedulePlanner(Options.Create(options), time);
        var start = now - backlog < ScheduleLimits.Earliest ? ScheduleLimits.Earliest : now - backlog;
        var state = new JobState { Definition = definition, Generation = 1, Version = 1, NextFireAt = ScheduleTimeline.NextAfter(definition, start) };
        var slices = 0;
        ScheduleDecisions decisions;
        do
        {
            decisions = planner.HandleDue(definition.Id, state, OccurrenceOutcome.Missed);
            Assert.InRange(decisions.Examined, 0, planner.MostStepsPerSlice(definition));
            state.ActiveRuns.Clear();
            slices++;
        }
        while (decisions.MoreDue && slices < 1_000);

        Assert.False(decisions.MoreDue, "A backlog of at most three hours is worked off within a thousand slices.");
        if (state.NextFireAt is { } next)
        {
            Assert.True(SchedulePlanner.DueAt(definition.Id, definition, next) >= next);
            Assert.True(ScheduleLimits.Contains(next));
        }

        var upcoming = ScheduleTimeline.Upcoming(definition, now, 10);
        Assert.All(upcoming, fire => Assert.True(fire > now && ScheduleLimits.Contains(fire)));
        Assert.Equal(upcoming.Order().ToList(), upcoming);

        var serializer = new JsonGrainStateSerializer();
        var reloaded = serializer.Deserialize<JobState>(serializer.Serialize(state));
        Assert.Equal(JsonSerializer.Serialize(state.Definition, JobJson.Options), JsonSerializer.Serialize(reloaded.Definition, JobJson.Options));
        Assert.Equal(state.NextFireAt, reloaded.NextFireAt);
    }
}
