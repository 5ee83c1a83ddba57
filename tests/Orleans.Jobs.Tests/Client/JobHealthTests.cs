using System.Text.Json;
using Orleans.Jobs.Client;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.Tests.Webhooks;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Client;

/// <summary>"Must succeed within X" on a 3-silo cluster: reported unhealthy, job.unhealthy raised once per breach.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JobHealthTests(ClusterFixture fixture)
{
    private static readonly TimeSpan _within = TimeSpan.FromSeconds(2);

    private readonly JobsClient _client = fixture.JobsClient;

    [Fact]
    public async Task JobWithoutASuccessInItsWindow_IsUnhealthy_RaisesTheEventOnce_AndASuccessEndsIt()
    {
        await using var receiver = new WebhookReceiver();
        var id = NewId("health");
        var hook = await _client.Webhooks.AddAsync(new WebhookSubscriptionRequest
        {
            Url = receiver.Url("unhealthy"), Secret = "health-test-secret-value", JobId = id, Events = [JobEventTypes.Unhealthy],
        });
        try
        {
            var created = await _client.Jobs.CreateAsync(StepRecorder(id, new { steps = 1 }) with { SuccessWithin = _within });
            Assert.Equal(JobHealthStatus.Healthy, created.Health.Status);
            Assert.Equal(created.CreatedAt + _within, created.Health.DueBy);

            var first = await WaitUntilAsync(() => Task.FromResult(receiver.Received("unhealthy")), r => r.Count >= 1, what: "job.unhealthy after the window ran out");
            var unhealthy = await _client.Jobs.GetAsync(id);
            var stats = await _client.History.GetStatsAsync(id);
            await Task.Delay(_within * 2);

            Assert.Single(receiver.Received("unhealthy"));
            Assert.Equal((JobHealthStatus.Unhealthy, created.Health.DueBy), (unhealthy.Health.Status, unhealthy.Health.UnhealthySince));
            Assert.Equal(1, stats.Unhealthy);
            var body = JsonSerializer.Deserialize<JobEvent>(first[0].Body, JobJson.Options)!;
            Assert.Equal((JobEventTypes.Unhealthy, id), (body.Type, body.JobId));
            Assert.Contains("No run completed within", body.Summary, StringComparison.Ordinal);
            var catalog = await WaitUntilAsync(() => _client.Jobs.ListAsync(new JobCatalogQuery { Type = "step_recorder", Limit = 1000 }), p => p.Items.Any(j => j.JobId == id && j.UnhealthySince is not null), what: "the catalog to report the job unhealthy");
            Assert.Equal(created.Health.DueBy, catalog.Items.Single(j => j.JobId == id).UnhealthySince);

            var run = await _client.Jobs.TriggerAsync(id, new TriggerRequest());
            await _client.Runs.WaitForCompletionAsync(run.RunId);
            var healthy = await WaitUntilAsync(() => _client.Jobs.GetAsync(id), j => j.Health.Status == JobHealthStatus.Healthy, what: "the completed run to end the breach");
            Assert.Equal(healthy.LastRun!.FinishedAt, healthy.Health.LastSuccessAt);
            Assert.Equal(healthy.LastRun.FinishedAt + _within, healthy.Health.DueBy);
            Assert.Contains(await _client.History.GetActivityAsync(id), a => a.Title == "Job healthy again");
            Assert.Contains(await _client.History.GetActivityAsync(id), a => a.Title == "Job unhealthy");

            // The window starts again from the success; without another, the job breaks it again.
            await WaitUntilAsync(() => Task.FromResult(receiver.Received("unhealthy")), r => r.Count >= 2, what: "a second job.unhealthy, a window after the success");
            Assert.Equal(JobHealthStatus.Unhealthy, (await _client.Jobs.GetAsync(id)).Health.Status);

            await _client.Jobs.PauseAsync(id);
            Assert.Equal(JobHealthStatus.NotTracked, (await _client.Jobs.GetAsync(id)).Health.Status);
            await _client.Jobs.DeleteAsync(id);
        }
        finally
        {
            await _client.Webhooks.RemoveAsync(hook.Id);
        }
    }

    [Fact]
    public async Task SuccessWithin_OutOfRange_IsRefusedNamingTheField()
    {
        var error = await Assert.ThrowsAsync<JobValidationException>(() =>
            _client.Jobs.CreateAsync(StepRecorder(NewId("health-bad"), new { steps = 1 }) with { SuccessWithin = TimeSpan.FromMilliseconds(10) }));

        Assert.Equal("successWithin", error.Field);
    }
}
