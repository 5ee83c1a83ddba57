using System.Net;
using System.Text.Json;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.Tests.Webhooks;
using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Payloads;

/// <summary>
/// The built-in <c>http</c> item against a real HTTP server on 127.0.0.1: a payload job that calls a set of APIs
/// with no job type of its own. 2xx succeeds and keeps status, headers and a capped body; 5xx is retried; other 4xx
/// fail at once; a slow answer times out; <c>failOnErrorStatus: false</c> records any answer.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HttpItemTests(ClusterFixture fixture)
{
    [Fact]
    public async Task HttpItems_CallRealEndpoints_WithRetriesTimeoutsAndCappedBodies()
    {
        await fixture.EnsureFullClusterAsync();
        await using var server = new WebhookReceiver();
        server.Respond("ok", "hello from the api");
        server.Respond("big", new string('x', 5000));
        server.Answer("flaky", HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);
        server.Answer("missing", HttpStatusCode.NotFound);
        server.Respond("slow", "late", TimeSpan.FromSeconds(3));
        server.Answer("teapot", (HttpStatusCode)418);

        PayloadItem Http(string path, object? extra = null, RetryPolicy? retry = null)
        {
            var parameters = JsonSerializer.SerializeToNode(new { url = server.Url(path).ToString() })!.AsObject();
            if (extra is not null)
            {
                foreach (var (key, value) in JsonSerializer.SerializeToNode(extra, JobJson.Options)!.AsObject())
                {
                    parameters[key] = value?.DeepClone();
                }
            }

            return new PayloadItem { Type = PayloadTypes.Http, Name = path, Parameters = JobParameters.Parse(parameters.ToJsonString()), Retry = retry };
        }

        var id = NewId("http-items");
        await fixture.JobsClient.Jobs.CreateAsync(new JobDefinition
        {
            Id = id,
            Type = PayloadTypes.Payload,
            Payload = new PayloadDefinition
            {
                MaxConcurrency = 3,
                Items =
                [
                    Http("ok", new { method = "POST", body = """{"ping":1}""", headers = new Dictionary<string, string> { ["X-Caller"] = "orleans-jobs" } }),
                    Http("big", new { maxBodyBytes = 1000 }),
                    Http("flaky"),
                    Http("missing"),
                    Http("slow", new { timeoutSeconds = 1 }, new RetryPolicy { MaximumAttempts = 2, InitialInterval = TimeSpan.Zero, MaximumInterval = TimeSpan.Zero }),
                    Http("teapot", new { failOnErrorStatus = false }),
                ],
            },
        });
        var started = await fixture.JobsClient.Jobs.TriggerAsync(id);
        var finished = await fixture.Client.GetGrain<IRunGrain>(started.RunId).WaitForFinishAsync(TimeSpan.FromSeconds(60));
        var items = fixture.Store.Results.Results[started.RunId].Result!.Value.GetProperty("items");

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal((4L, 2L), (finished.Progress!.Completed, finished.Progress.Failed));

        var ok = items[0].GetProperty("result");
        Assert.Equal((200, "hello from the api", false), (ok.GetProperty("status").GetInt32(), ok.GetProperty("body").GetString(), ok.GetProperty("bodyTruncated").GetBoolean()));
        Assert.Equal("test", ok.GetProperty("headers").GetProperty("X-Receiver").GetString());
        var call = Assert.Single(server.Received("ok"));
        Assert.Equal(("POST", """{"ping":1}""", "orleans-jobs"), (call.Method, System.Text.Encoding.UTF8.GetString(call.Body), call.Headers["X-Caller"]));

        var big = items[1].GetProperty("result");
        Assert.Equal((1000, true), (big.GetProperty("body").GetString()!.Length, big.GetProperty("bodyTruncated").GetBoolean()));

        Assert.Equal(("completed", 3), (items[2].GetProperty("status").GetString(), items[2].GetProperty("attempts").GetInt32()));
        Assert.Equal([500, 503, 200], server.Received("flaky").Select(r => r.Answered));

        Assert.Equal(("failed", 1), (items[3].GetProperty("status").GetString(), items[3].GetProperty("attempts").GetInt32()));
        Assert.Contains("answered 404", items[3].GetProperty("error").GetString(), StringComparison.Ordinal);

        Assert.Equal(("failed", 2), (items[4].GetProperty("status").GetString(), items[4].GetProperty("attempts").GetInt32()));
        Assert.Contains("did not answer within 1 s", items[4].GetProperty("error").GetString(), StringComparison.Ordinal);

        Assert.Equal(("completed", 418), (items[5].GetProperty("status").GetString(), items[5].GetProperty("result").GetProperty("status").GetInt32()));
    }
}
