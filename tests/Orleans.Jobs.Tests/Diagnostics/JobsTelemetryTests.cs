using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orleans.Jobs.Diagnostics;
using Orleans.Jobs.Tests.Cluster;

namespace Orleans.Jobs.Tests.Diagnostics;

/// <summary>
/// The <c>Orleans.Jobs</c> meter and activity source on a three-silo cluster: a triggered run's start and step spans
/// join the caller's trace (through Orleans activity propagation and the trace parent the run keeps in its checkpoint),
/// and its runs, steps, checkpoints and lateness are counted. Orleans carries the caller's trace into grain calls only
/// while its own activity sources are listened to, as the silo's OpenTelemetry set-up does. The job type <c>telemetry_probe</c> is used by this test
/// only, so measurements from other tests cannot mix in.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class JobsTelemetryTests(ClusterFixture fixture) : IDisposable
{
    private const string JobType = "telemetry_probe";
    private const string CallerSourceName = "Orleans.Jobs.Tests.Telemetry";
    private static readonly ActivitySource _callerSource = new(CallerSourceName);

    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _activities = new();
    private readonly MeterListener _meters = new();

    [Fact]
    public async Task ATriggeredRun_StepSpansJoinTheCallersTrace_AndItsWorkIsCounted()
    {
        Listen();
        var client = fixture.JobsClient;
        var id = $"telemetry-{Guid.NewGuid():N}"[..20];
        await client.Jobs.CreateAsync(new JobDefinition { Id = id, Type = JobType, Parameters = JobParameters.From(new { steps = 3 }) });

        RunSnapshot finished;
        ActivityTraceId traceId;
        using (var caller = _callerSource.StartActivity("caller triggers", ActivityKind.Client))
        {
            Assert.NotNull(caller);
            traceId = caller.TraceId;
            var run = await client.Jobs.TriggerAsync(id, new TriggerRequest { IdempotencyKey = "traced" });
            finished = await client.Runs.WaitForCompletionAsync(run.RunId);
        }

        Assert.Equal(RunStatus.Completed, finished.Status);
        var ours = _spans.Where(s => Equals(s.GetTagItem(JobsInstrumentation.RunIdTag), finished.RunId)).ToList();
        var start = Assert.Single(ours, s => s.DisplayName == $"start {JobType}");
        var steps = ours.Where(s => s != start).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal([$"prepare {JobType}", $"perform {JobType}", $"perform {JobType}", $"perform {JobType}"], steps.Select(s => s.DisplayName));
        Assert.Equal(traceId, start.TraceId);
        Assert.All(steps, s => Assert.Equal(traceId, s.TraceId));
        Assert.All(steps, s => Assert.Equal(start.SpanId, s.ParentSpanId));
        Assert.Equal([0L, 0L, 1L, 2L], steps.Select(s => Convert.ToInt64(s.GetTagItem("orleans_jobs.step"), System.Globalization.CultureInfo.InvariantCulture)));

        _meters.RecordObservableInstruments();
        var probe = _measurements.Where(m => Equals(m.Tags.GetValueOrDefault(JobsInstrumentation.JobTypeTag), JobType)).ToList();
        var started = Assert.Single(probe, m => m.Instrument == "orleans_jobs.runs.started");
        Assert.Equal("manual", started.Tags["origin"]);
        var ended = Assert.Single(probe, m => m.Instrument == "orleans_jobs.runs.finished");
        Assert.Equal("Completed", ended.Tags["status"]);
        Assert.Equal(1, probe.Count(m => m.Instrument == "orleans_jobs.step.duration" && Equals(m.Tags["phase"], "prepare")));
        Assert.Equal(3, probe.Count(m => m.Instrument == "orleans_jobs.step.duration" && Equals(m.Tags["phase"], "perform")));
        var lateness = Assert.Single(probe, m => m.Instrument == "orleans_jobs.schedule.lateness");
        Assert.InRange(lateness.Value, 0, 10_000);

        // The start, then one checkpoint per Perform (the last one also records Completed).
        Assert.Equal(4, probe.Count(m => m.Instrument == "orleans_jobs.checkpoint.duration"));
    }

    private void Listen()
    {
        _activities.ShouldListenTo = source => source.Name is JobsInstrumentation.Name or CallerSourceName or "Microsoft.Orleans.Application" or "Microsoft.Orleans.Runtime";
        _activities.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        _activities.ActivityStopped = _spans.Enqueue;
        ActivitySource.AddActivityListener(_activities);

        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == JobsInstrumentation.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }
}
