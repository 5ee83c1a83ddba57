using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Orleans.Jobs.Client;
using Orleans.Jobs.Tests.Cluster;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Webhooks;

/// <summary>Events delivered to a real HTTP listener on 127.0.0.1 by a 3-silo cluster: signed, retried, filtered.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WebhookDeliveryTests(ClusterFixture fixture) : IAsyncLifetime
{
    private const string Secret = "a-test-secret-of-some-length";

    private readonly WebhookReceiver _receiver = new();
    private readonly List<string> _subscriptions = [];
    private readonly JobsClient _client = fixture.JobsClient;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var id in _subscriptions)
        {
            await _client.Webhooks.RemoveAsync(id);
        }

        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Delivery_IsSignedOverTimestampAndBody_AndRecorded()
    {
        var id = NewId("hook-signed");
        var subscription = await SubscribeAsync("signed", jobId: id, events: [JobEventTypes.Completed]);
        await _client.Jobs.CreateAsync(StepRecorder(id, new { steps = 2 }));

        var run = await _client.Jobs.TriggerAsync(id, new TriggerRequest());
        await _client.Runs.WaitForCompletionAsync(run.RunId);
        var request = Assert.Single(await WaitUntilAsync(() => Task.FromResult(_receiver.Received("signed")), r => r.Count >= 1, what: "the job.completed delivery"));

        var timestamp = request.Headers[WebhookSignature.TimestampHeader];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. request.Body]));
        Assert.Equal("POST", request.Method);
        Assert.Equal(expected, request.Headers[WebhookSignature.SignatureHeader]);
        Assert.InRange(long.Parse(timestamp), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.True(WebhookSignature.Verify(Secret, timestamp, request.Headers[WebhookSignature.SignatureHeader], request.Body, DateTimeOffset.UtcNow));
        Assert.False(WebhookSignature.Verify("another-secret-entirely", timestamp, request.Headers[WebhookSignature.SignatureHeader], request.Body, DateTimeOffset.UtcNow));
        Assert.False(WebhookSignature.Verify(Secret, timestamp, request.Headers[WebhookSignature.SignatureHeader], [.. request.Body, (byte)' '], DateTimeOffset.UtcNow));
        Assert.False(WebhookSignature.Verify(Secret, timestamp, request.Headers[WebhookSignature.SignatureHeader], request.Body, DateTimeOffset.UtcNow.AddMinutes(10)));

        var body = JsonSerializer.Deserialize<JobEvent>(request.Body, JobJson.Options)!;
        Assert.Equal((JobEventTypes.Completed, id, run.RunId, RunStatus.Completed), (body.Type, body.JobId, body.RunId, body.RunStatus));
        Assert.Equal(JobEventTypes.Completed, request.Headers[WebhookSignature.EventHeader]);
        Assert.Equal($"{subscription.Id}/{body.Id}", request.Headers[WebhookSignature.DeliveryHeader]);
        var delivery = Assert.Single(await WaitUntilAsync(() => _client.Webhooks.GetDeliveriesAsync(subscription.Id), d => d.Count == 1 && d[0].Status == WebhookDeliveryStatus.Delivered, what: "the delivery's record"));
        Assert.Equal((1, 200, body.Id), (delivery.Attempts, delivery.LastStatusCode, delivery.EventId));
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task Delivery_AnsweredWith500_IsRetriedWithBackoff_UntilAccepted()
    {
        var id = NewId("hook-retry");
        _receiver.Answer("flaky", HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);
        var subscription = await SubscribeAsync("flaky", jobId: id, events: [JobEventTypes.Started]);
        await _client.Jobs.CreateAsync(StepRecorder(id, new { steps = 1 }));

        await _client.Jobs.TriggerAsync(id, new TriggerRequest());
        var requests = await WaitUntilAsync(() => Task.FromResult(_receiver.Received("flaky")), r => r.Count >= 3, what: "two failed attempts and a third that succeeds");

        Assert.Equal([500, 503, 200], requests.Select(r => r.Answered));
        Assert.Single(requests.Select(r => r.Headers[WebhookSignature.DeliveryHeader]).Distinct());
        Assert.Single(requests.Select(r => Convert.ToBase64String(r.Body)).Distinct());
        Assert.All(requests, r => Assert.True(WebhookSignature.Verify(Secret, r.Headers[WebhookSignature.TimestampHeader], r.Headers[WebhookSignature.SignatureHeader], r.Body, DateTimeOffset.UtcNow)));
        Assert.True(requests[1].At - requests[0].At >= ClusterFixture.WebhookRetryDelay * 0.9, $"first retry after {requests[1].At - requests[0].At}");
        Assert.True(requests[2].At - requests[1].At >= ClusterFixture.WebhookRetryDelay * 2 * 0.9, $"second retry after {requests[2].At - requests[1].At}");
        var delivery = Assert.Single(await WaitUntilAsync(() => _client.Webhooks.GetDeliveriesAsync(subscription.Id), d => d.Count == 1 && d[0].Status == WebhookDeliveryStatus.Delivered, what: "the delivery recorded as delivered"));
        Assert.Equal((3, 200, (string?)null), (delivery.Attempts, delivery.LastStatusCode, delivery.LastError));
        await Task.Delay(ClusterFixture.WebhookRetryDelay * 2);
        Assert.Equal(3, _receiver.Received("flaky").Count);
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task Delivery_RefusedWith400_FailsAtOnce_AndOneThatNeverSucceedsStopsAtTheLimit()
    {
        var id = NewId("hook-refused");
        _receiver.Answer("refused", HttpStatusCode.BadRequest);
        _receiver.Answer("down", Enumerable.Repeat(HttpStatusCode.BadGateway, 10).ToArray());
        var refused = await SubscribeAsync("refused", jobId: id, events: [JobEventTypes.Paused]);
        var down = await SubscribeAsync("down", jobId: id, events: [JobEventTypes.Paused]);
        await _client.Jobs.CreateAsync(StepRecorder(id, new { steps = 1 }));

        await _client.Jobs.PauseAsync(id);
        var failed = await WaitUntilAsync(() => _client.Webhooks.GetDeliveriesAsync(down.Id), d => d.Count == 1 && d[0].Status == WebhookDeliveryStatus.Failed, what: "the delivery to a receiver that is down to fail for good");

        Assert.Equal((4, 502), (failed[0].Attempts, failed[0].LastStatusCode));
        Assert.Equal(4, _receiver.Received("down").Count);
        var refusal = Assert.Single(await _client.Webhooks.GetDeliveriesAsync(refused.Id));
        Assert.Equal((WebhookDeliveryStatus.Failed, 1, 400), (refusal.Status, refusal.Attempts, refusal.LastStatusCode));
        Assert.Single(_receiver.Received("refused"));
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task Events_GoOnlyToTheSubscriptionsTheyMatch()
    {
        var id = NewId("hook-filter");
        var other = NewId("hook-other");
        await SubscribeAsync("all", jobId: id);
        await SubscribeAsync("paused-only", jobId: id, events: [JobEventTypes.Paused]);
        await SubscribeAsync("other-job", jobId: other);
        await SubscribeAsync("other-label", labels: new Dictionary<string, string> { ["team"] = "nobody" });
        await _client.Jobs.CreateAsync(StepRecorder(id, new { steps = 1 }) with { Labels = new Dictionary<string, string> { ["team"] = "jobs" } });

        var run = await _client.Jobs.TriggerAsync(id, new TriggerRequest());
        await _client.Runs.WaitForCompletionAsync(run.RunId);
        await _client.Jobs.PauseAsync(id);
        await _client.Jobs.ResumeAsync(id);
        await _client.Jobs.CancelAsync(id, "done with it");
        var all = await WaitUntilAsync(() => Task.FromResult(_receiver.Received("all")), r => r.Count >= 5, what: "started, completed, paused, resumed and cancelled");
        await Task.Delay(500);

        Assert.Equal(
            new[] { JobEventTypes.Cancelled, JobEventTypes.Completed, JobEventTypes.Paused, JobEventTypes.Resumed, JobEventTypes.Started },
            all.Select(r => r.Headers[WebhookSignature.EventHeader]).Order(StringComparer.Ordinal));
        Assert.Equal([JobEventTypes.Paused], _receiver.Received("paused-only").Select(r => r.Headers[WebhookSignature.EventHeader]));
        Assert.Empty(_receiver.Received("other-job"));
        Assert.Empty(_receiver.Received("other-label"));
        await _client.Jobs.DeleteAsync(id);
    }

    [Fact]
    public async Task ScheduledFire_RaisesJobStarted_AndCreateRaisesJobScheduled()
    {
        var id = NewId("hook-schedule");
        await SubscribeAsync("schedule", jobId: id, events: [JobEventTypes.Started, JobEventTypes.Scheduled]);

        await _client.Jobs.CreateAsync(StepRecorder(id, new { steps = 1 }) with { Schedules = [Schedule.Interval(TimeSpan.FromSeconds(1))] });
        var received = await WaitUntilAsync(
            () => Task.FromResult(_receiver.Received("schedule")),
            r => r.Any(e => e.Headers[WebhookSignature.EventHeader] == JobEventTypes.Started),
            what: "job.started for a scheduled fire");
        await _client.Jobs.DeleteAsync(id);

        var events = received.Select(r => JsonSerializer.Deserialize<JobEvent>(r.Body, JobJson.Options)!).ToList();
        var scheduled = Assert.Single(events, e => e.Type == JobEventTypes.Scheduled);
        Assert.NotNull(scheduled.NextFireAt);
        var started = events.First(e => e.Type == JobEventTypes.Started);
        Assert.Equal(JobIds.RunId(id, 1, JobIds.ScheduledOccurrence(scheduled.NextFireAt!.Value)), started.RunId);
    }

    [Fact]
    public async Task Secrets_AreStoredEncrypted_AndNeverReturned()
    {
        var subscription = await SubscribeAsync("secret", description: "owned by the tests");

        var listed = Assert.Single(await _client.Webhooks.ListAsync(), s => s.Id == subscription.Id);
        string stored;
        lock (fixture.Store.GrainStates)
        {
            stored = string.Join("\n", fixture.Store.GrainStates.Where(s => s.Key.Contains("webhook", StringComparison.OrdinalIgnoreCase)).Select(s => s.Value.Data.ToString()));
        }

        Assert.Contains(subscription.Id, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(listed, JobJson.Options), StringComparison.Ordinal);
        Assert.Equal(("owned by the tests", _receiver.Url("secret")), (listed.Description, listed.Url));
    }

    [Fact]
    public async Task InvalidSubscriptions_AreRefusedNamingTheField_AndUnknownIdsAreNotFound()
    {
        var badUrl = await Assert.ThrowsAsync<JobValidationException>(() => _client.Webhooks.AddAsync(new WebhookSubscriptionRequest { Url = new Uri("ftp://127.0.0.1/x"), Secret = Secret }));
        var shortSecret = await Assert.ThrowsAsync<JobValidationException>(() => _client.Webhooks.AddAsync(new WebhookSubscriptionRequest { Url = _receiver.Url("x"), Secret = "short" }));
        var badEvent = await Assert.ThrowsAsync<JobValidationException>(() => _client.Webhooks.AddAsync(new WebhookSubscriptionRequest { Url = _receiver.Url("x"), Secret = Secret, Events = ["job.exploded"] }));
        var unknown = await Assert.ThrowsAsync<JobNotFoundException>(() => _client.Webhooks.RemoveAsync("no-such-subscription"));

        Assert.Equal(("url", "secret", "events", "webhook"), (badUrl.Field, shortSecret.Field, badEvent.Field, unknown.Kind));
        Assert.DoesNotContain("short", shortSecret.Message, StringComparison.Ordinal);
        Assert.Contains("job.exploded", badEvent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SinkFailure_RaisesRunSinkFailed_AndTheRetriedAttemptCompletes()
    {
        var id = NewId("hook-sink");
        await SubscribeAsync("sink", jobId: id, events: [JobEventTypes.SinkFailed, JobEventTypes.Completed]);
        fixture.Store.Results.RejectOnce(id);
        await _client.Jobs.CreateAsync(StepRecorder(id, new { steps = 1 }));

        var run = await _client.Jobs.TriggerAsync(id, new TriggerRequest());
        var finished = await _client.Runs.WaitForCompletionAsync(run.RunId);
        var received = await WaitUntilAsync(() => Task.FromResult(_receiver.Received("sink")), r => r.Count >= 2, what: "run.sink_failed and job.completed");

        Assert.Equal((RunStatus.Completed, 2), (finished.Status, finished.Attempt));
        var events = received.Select(r => JsonSerializer.Deserialize<JobEvent>(r.Body, JobJson.Options)!).OrderBy(e => e.At).ToList();
        Assert.Equal([JobEventTypes.SinkFailed, JobEventTypes.Completed], events.Select(e => e.Type));
        Assert.Equal(run.RunId, events[0].RunId);
        Assert.Contains("rejected", events[0].Summary, StringComparison.Ordinal);
        await _client.Jobs.DeleteAsync(id);
    }

    private async Task<WebhookSubscription> SubscribeAsync(
        string path, string? jobId = null, IReadOnlyList<string>? events = null, IReadOnlyDictionary<string, string>? labels = null, string? description = null)
    {
        var subscription = await _client.Webhooks.AddAsync(new WebhookSubscriptionRequest
        {
            Url = _receiver.Url(path),
            Secret = Secret,
            JobId = jobId,
            Events = events ?? [],
            Labels = labels ?? new Dictionary<string, string>(),
            Description = description,
        });
        _subscriptions.Add(subscription.Id);
        return subscription;
    }
}
