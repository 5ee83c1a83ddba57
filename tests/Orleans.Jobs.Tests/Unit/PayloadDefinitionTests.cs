using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Payloads;
using Orleans.Jobs.Scheduling;
using Orleans.Jobs.Tests.TestJobs;

namespace Orleans.Jobs.Tests.Unit;

/// <summary>Payload definitions: defaults, durations in JSON, and validation errors that name the field.</summary>
public sealed class PayloadDefinitionTests
{
    private static readonly JobDefinitionValidator _validator = new(
        new JobTypeRegistry([new JobTypeRegistration(PayloadTypes.Payload, typeof(PayloadJob)), new JobTypeRegistration("payload_probe", typeof(PayloadProbeJob))]),
        Options.Create(new JobsOptions()));

    [Fact]
    public void ItemRetry_DefaultsToThreeAttemptsWithNoDelay()
    {
        var retry = new PayloadDefinition().ItemRetry;
        Assert.Equal((3, TimeSpan.Zero), (retry.MaximumAttempts, retry.DelayAfter(1)));
        Assert.Equal(TimeSpan.Zero, retry.DelayAfter(2));
        Assert.Equal(5, new PayloadDefinition().MaxConcurrency);
    }

    [Fact]
    public void ItemBackoff_IsInitialTimesCoefficientToTheAttemptCappedAtMaximum()
    {
        var retry = new RetryPolicy { MaximumAttempts = 8, InitialInterval = TimeSpan.FromSeconds(10), BackoffCoefficient = 2, MaximumInterval = TimeSpan.FromMinutes(2) };
        Assert.Equal([10, 20, 40, 80, 120, 120], Enumerable.Range(1, 6).Select(i => retry.DelayAfter(i).TotalSeconds));
    }

    [Theory]
    [InlineData("1500", 1500)]
    [InlineData("\"500ms\"", 500)]
    [InlineData("\"10s\"", 10_000)]
    [InlineData("\"1.5s\"", 1_500)]
    [InlineData("\"2m\"", 120_000)]
    [InlineData("\"1h\"", 3_600_000)]
    [InlineData("\"00:00:10\"", 10_000)]
    public void Intervals_ReadMillisecondsShortFormsAndTimeSpans(string json, double milliseconds)
    {
        var retry = JsonSerializer.Deserialize<RetryPolicy>($$"""{"initialInterval": {{json}}, "maximumInterval": "1d"}""", JobJson.Options)!;
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), retry.InitialInterval);
        Assert.Equal(TimeSpan.FromDays(1), retry.MaximumInterval);
        Assert.Equal(retry, JsonSerializer.Deserialize<RetryPolicy>(JsonSerializer.Serialize(retry, JobJson.Options), JobJson.Options));
    }

    [Fact]
    public void AnUnreadableInterval_IsAnErrorThatSaysWhatIsAccepted()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RetryPolicy>("""{"initialInterval": "soon"}""", JobJson.Options));
        Assert.Contains("'soon' is not a duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADefinitionFile_WithAPayload_ReadsAndValidates()
    {
        var definition = JsonSerializer.Deserialize<JobDefinition>("""
            {
              "id": "crawl", "type": "payload",
              "payload": {
                "maxConcurrency": 3,
                "itemRetry": { "maximumAttempts": 5, "initialInterval": "10s", "maximumInterval": "2m", "backoffCoefficient": 2 },
                "items": [
                  { "type": "http", "name": "status", "parameters": { "url": "https://example.org/status", "method": "GET" } },
                  { "type": "payload_probe", "parameters": { "delayMs": 5 }, "retry": { "maximumAttempts": 1, "initialInterval": 0, "maximumInterval": 0 } }
                ]
              }
            }
            """, JobJson.Options)!;

        _validator.Validate(definition);
        Assert.Equal((3, 2), (definition.Payload!.MaxConcurrency, definition.Payload.Items.Count));
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2)), (definition.Payload.ItemRetry.InitialInterval, definition.Payload.ItemRetry.MaximumInterval));
        Assert.Equal(1, definition.Payload.Items[1].Retry!.MaximumAttempts);
    }

    public static TheoryData<string, JobDefinition> BadDefinitions() => new()
    {
        { "payload", new JobDefinition { Id = "p", Type = PayloadTypes.Payload } },
        { "payload", new JobDefinition { Id = "p", Type = "payload_probe", Payload = Payload(Probe()) } },
        { "payload.items", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = new PayloadDefinition() } },
        { "payload.items", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = new PayloadDefinition { Items = [Probe(), Probe()], MaxItems = 1 } } },
        { "payload.maxItems", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = new PayloadDefinition { Items = [Probe()], MaxItems = 10_001 } } },
        { "payload.maxConcurrency", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = new PayloadDefinition { Items = [Probe()], MaxConcurrency = 0 } } },
        { "payload.maxConcurrency", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = new PayloadDefinition { Items = [Probe()], MaxConcurrency = 101 } } },
        { "payload.itemTimeout", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = new PayloadDefinition { Items = [Probe()], ItemTimeout = TimeSpan.Zero } } },
        { "payload.itemRetry.maximumAttempts", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = new PayloadDefinition { Items = [Probe()], ItemRetry = new RetryPolicy { MaximumAttempts = 0 } } } },
        { "payload.items[1].type", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = Payload(Probe(), new PayloadItem { Type = "no_such_type" }) } },
        { "payload.items[0].type", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = Payload(new PayloadItem { Type = PayloadTypes.Payload }) } },
        { "payload.items[0].parameters.url", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = Payload(new PayloadItem { Type = PayloadTypes.Http, Parameters = JobParameters.From(new { url = "ftp://x" }) }) } },
        { "payload.items[0].parameters.timeoutSeconds", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = Payload(new PayloadItem { Type = PayloadTypes.Http, Parameters = JobParameters.From(new { url = "http://127.0.0.1/", timeoutSeconds = 0 }) }) } },
        { "payload.items[0].retry.backoffCoefficient", new JobDefinition { Id = "p", Type = PayloadTypes.Payload, Payload = Payload(Probe() with { Retry = new RetryPolicy { BackoffCoefficient = 0.5 } }) } },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public void BadPayloads_AreRefused_NamingTheField(string field, JobDefinition definition)
    {
        var error = Assert.Throws<JobValidationException>(() => _validator.Validate(definition));
        Assert.Equal(field, error.Field);
    }

    private static PayloadItem Probe() => new() { Type = "payload_probe" };

    private static PayloadDefinition Payload(params PayloadItem[] items) => new() { Items = items };
}
