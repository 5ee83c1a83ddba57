using System.Net;
using System.Text.Json;
using Orleans.Jobs.Client;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.Tests.TestJobs;
using Orleans.Jobs.Tests.Webhooks;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Payloads;

/// <summary>
/// Webhook sinks against a real HTTP listener on 127.0.0.1: a completed payload run's result (each item's outcome)
/// is POSTed signed as <c>run.result</c>, retried after 5xx on the sink backoff; a delivery still failing when the
/// give-up time comes is recorded on the run and raised as <c>run.sink_failed</c>.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WebhookSinkTests(ClusterFixture fixture) : IAsyncLifetime
{
    private const string Secret = "a-sink-secret-of-some-length";
    private readonly WebhookReceiver _receiver = new();
    private readonly JobsClient _client = fixture.JobsClient;
    private readonly List<string> _subscriptions = [];

    public Task InitializeAsync() => fixture.EnsureFullClusterAsync();

    public async Task DisposeAsync()
    {
        foreach (var id in _subscriptions)
        {
            await _client.Webhooks.RemoveAsync(id);
        }

        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task ARunsResult_IsDeliveredSigned_AfterRetries()
    {
        _receiver.Answer("results", HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway);
        var sink = await SubscribeAsync("results");
        var (runId, finished) = await RunAsync(sink);

        var requests = await WaitUntilAsync(() => Task.FromResult(_receiver.Received("results")), r => r.Any(x => x.Answered == 200), what: "the result's delivery");
        Assert.Equal([500, 502, 200], requests.Select(r => r.Answered));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(250), "the first retry waited out the sink backoff");
        var delivered = requests[^1];
        Assert.True(WebhookSignature.Verify(Secret, delivered.Headers[WebhookSignature.TimestampHeader], delivered.Headers[WebhookSignature.SignatureHeader], delivered.Body, DateTimeOffset.UtcNow));
        Assert.Single(requests.Select(r => r.Headers[WebhookSignature.DeliveryHeader]).Distinct());
        var body = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal((JobEventTypes.RunResult, runId), (body.GetProperty("type").GetString(), body.GetProperty("runId").GetString()));
        Assert.Equal(3, body.GetProperty("result").GetProperty("items").GetArrayLength());
        Assert.Empty(finished.SinkFailures);
    }

    [Fact]
    public async Task AResultStillUndeliveredAtTheGiveUpTime_IsRecordedOnTheRun_AndRaisesSinkFailed()
    {
        _receiver.Answer("down", [.. Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 50)]);
        var sink = await SubscribeAsync("down");
        var watcher = await _client.Webhooks.AddAsync(new WebhookSubscriptionRequest { Url = _receiver.Url("events"), Secret = Secret, Events = [JobEventTypes.SinkFailed] });
        _subscriptions.Add(watcher.Id);
        var (runId, _) = await RunAsync(sink);

        var failed = await WaitUntilAsync(() => _client.Runs.GetAsync(runId), r => r.SinkFailures.Count == 1, what: "the give-up recorded on the run");
        Assert.Contains($"webhook sink {sink}: given up after", failed.SinkFailures[0], StringComparison.Ordinal);
        var attempts = _receiver.Received("down");
        Assert.InRange(attempts.Count, 3, 8);
        Assert.True(attempts[^1].At - attempts[0].At < ClusterFixture.SinkGiveUpAfter + TimeSpan.FromSeconds(1));

        var events = await WaitUntilAsync(() => Task.FromResult(_receiver.Received("events")), r => r.Count >= 1, what: "run.sink_failed");
        var raised = JsonDocument.Parse(events[0].Body).RootElement;
        Assert.Equal((JobEventTypes.SinkFailed, runId), (raised.GetProperty("type").GetString(), raised.GetProperty("runId").GetString()));
    }

    private async Task<string> SubscribeAsync(string path)
    {
        // Only sink deliveries reach this subscription: it listens to no event type of its own but one never raised here.
        var subscription = await _client.Webhooks.AddAsync(new WebhookSubscriptionRequest { Url = _receiver.Url(path), Secret = Secret, Events = [JobEventTypes.Unhealthy] });
        _subscriptions.Add(subscription.Id);
        return subscription.Id;
    }

    private async Task<(string RunId, RunSnapshot Finished)> RunAsync(string sink)
    {
        var id = NewId("sink");
        var item = new PayloadItem { Type = "payload_probe", Parameters = JobParameters.From(new PayloadProbeParameters { DelayMs = 10 }) };
        await _client.Jobs.CreateAsync(new JobDefinition
        {
            Id = id,
            Type = PayloadTypes.Payload,
            Payload = new PayloadDefinition { Items = [item, item, item] },
            ResultWebhooks = [sink],
        });
        var run = await _client.Jobs.TriggerAsync(id);
        return (run.RunId, await _client.Runs.WaitForCompletionAsync(run.RunId));
    }
}
