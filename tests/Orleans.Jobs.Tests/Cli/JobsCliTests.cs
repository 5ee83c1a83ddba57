using System.Text.Json;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Jobs.Tests.Processes;
using Orleans.Jobs.TestSupport;

namespace Orleans.Jobs.Tests.Cli;

/// <summary>
/// The real <c>jobs</c> executable against a real silo process: every verb, in table and JSON form, and the exit codes
/// that tell invalid input, not found, conflict and an unreachable cluster apart. In the cluster collection so its
/// processes never compete for the two cores with the in-process cluster's failure detection.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class JobsCliTests(CliSiloFixture silo) : IClassFixture<CliSiloFixture>
{
    private JobsCli Cli => silo.Cli;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [Fact]
    public async Task JobLifecycle_CreateGetListUpdatePauseResumeRescheduleCancelDelete()
    {
        var id = NewId("cli-life");
        var create = await Ok("create", id, "--type", "countdown", "--every", "1h", "--param", "steps=2", "--param", "stepMs=50", "--label", "team=cli", "--success-within", "26h");
        await Ok("create", id, "--type", "countdown", "--every", "1h", "--param", "steps=2", "--param", "stepMs=50", "--label", "team=cli", "--success-within", "26h");
        var get = await Ok("get", id);
        var getJson = (await Ok("get", id, "--json")).Json();
        var list = await Ok("list", "--label", "team=cli");
        var listJson = (await Ok("list", "--label", "team=cli", "--json")).Json();
        var update = await Ok("update", id, "--param", "steps=3");
        var stale = await Fails(4, "update", id, "--version", "1", "--param", "steps=4");
        var pause = await Ok("pause", id);
        var triggerPaused = await Fails(4, "trigger", id);
        var resume = await Ok("resume", id, "--json");
        var reschedule = await Ok("reschedule", id, "--cron", "0 6 * * *", "--time-zone", "Europe/Paris");
        var cancel = await Ok("cancel", id, "--reason", "retired by the CLI test");
        var cancelledGet = (await Ok("get", id, "--json")).Json();
        var delete = await Ok("delete", id);
        var gone = await Fails(3, "get", id);

        Assert.Contains($"Created {id} (version 1)", create.Output, StringComparison.Ordinal);
        Assert.Contains("every 01:00:00", get.Output, StringComparison.Ordinal);
        Assert.Contains("healthy (a success is due by", get.Output, StringComparison.Ordinal);
        Assert.Contains("+01:00", get.Output, StringComparison.Ordinal);
        Assert.Contains("times in Europe/Paris", list.Output, StringComparison.Ordinal);
        Assert.Equal(("countdown", 2), (getJson.GetProperty("definition").GetProperty("type").GetString(), getJson.GetProperty("definition").GetProperty("parameters").GetProperty("steps").GetInt32()));
        Assert.Contains(id, list.Output, StringComparison.Ordinal);
        Assert.Contains(listJson.GetProperty("items").EnumerateArray(), j => j.GetProperty("jobId").GetString() == id);
        Assert.Contains("to version 2", update.Output, StringComparison.Ordinal);
        Assert.Contains("version 2", stale.Error, StringComparison.Ordinal);
        Assert.Contains("is paused", pause.Output, StringComparison.Ordinal);
        Assert.Contains("paused", triggerPaused.Error, StringComparison.Ordinal);
        Assert.Equal("scheduled", resume.Json().GetProperty("status").GetString());
        Assert.Contains("next fire", reschedule.Output, StringComparison.Ordinal);
        Assert.Contains("Cancelled", cancel.Output, StringComparison.Ordinal);
        Assert.Equal("retired by the CLI test", cancelledGet.GetProperty("cancellationReason").GetString());
        Assert.Contains("Deleted", delete.Output, StringComparison.Ordinal);
        Assert.Equal($"error: Unknown job id '{id}'.", gone.Error.Trim());
    }

    [Fact]
    public async Task TriggerWait_ShowsTheRunLive_AndTheRunVerbsShowWhatHappened()
    {
        var id = NewId("cli-run");
        await Ok("create", id, "--type", "countdown", "--param", "steps=3", "--param", "stepMs=50", "--label", "team=cli-run");

        var waited = await Ok("trigger", id, "--wait", "--key", "first");
        var again = (await Ok("trigger", id, "--key", "first", "--json")).Json();
        var runId = again.GetProperty("runId").GetString()!;
        var status = await Ok("status", runId);
        var statusJson = (await Ok("status", runId, "--json")).Json();
        var runs = await Ok("runs", id);
        var runsJson = (await Ok("runs", id, "--json")).Json();
        var logs = await Ok("logs", runId);
        var logsJson = (await Ok("logs", runId, "--json")).Json();
        var followed = await Ok("logs", runId, "--follow");
        var history = await Ok("history", id);
        var historyJson = (await Ok("history", id, "--json")).Json();
        var notifications = await Ok("notifications", id);
        var notificationsJson = (await Ok("notifications", id, "--json")).Json();
        var stats = (await Ok("stats", id, "--json")).Json();
        var statsByLabel = await Ok("stats", "--label", "team=cli-run");

        Assert.Contains("Step 3 of 3", waited.Output, StringComparison.Ordinal);
        Assert.Contains("✔ completed", waited.Output, StringComparison.Ordinal);
        Assert.Equal($"{id}/1/manual-first", runId);
        Assert.Contains("attempt", status.Output, StringComparison.Ordinal);
        Assert.Contains("3 completed, 0 pending", status.Output, StringComparison.Ordinal);
        Assert.Equal(("completed", 3), (statusJson.GetProperty("status").GetString(), statusJson.GetProperty("progress").GetProperty("completed").GetInt32()));
        Assert.Contains(runId, runs.Output, StringComparison.Ordinal);
        Assert.Equal(runId, runsJson.GetProperty("items")[0].GetProperty("runId").GetString());
        Assert.Contains("Prepare (fresh start)", logs.Output, StringComparison.Ordinal);
        Assert.Contains(logsJson.EnumerateArray(), l => l.GetProperty("message").GetString()!.Contains("Step 2 of 3", StringComparison.Ordinal));
        Assert.Contains("Step 3 of 3", followed.Output, StringComparison.Ordinal);
        Assert.Contains("completed", history.Output, StringComparison.Ordinal);
        Assert.Equal(runId, historyJson[0].GetProperty("runId").GetString());
        Assert.Contains("Run completed", notifications.Output, StringComparison.Ordinal);
        Assert.Equal("Run completed", notificationsJson[0].GetProperty("title").GetString());
        Assert.Equal((1, 1.0), (stats.GetProperty("completed").GetInt32(), stats.GetProperty("successRate").GetDouble()));
        Assert.Contains("100.0 %", statsByLabel.Output, StringComparison.Ordinal);
        await Ok("delete", id);
    }

    [Fact]
    public async Task TerminatedRun_EndsTriggerWaitWithExit6_AndCannotBeRetried()
    {
        var id = NewId("cli-stop");
        await Ok("create", id, "--type", "countdown", "--param", "steps=100", "--param", "stepMs=100");
        var runId = $"{id}/1/manual-long";

        var waiting = Cli.RunAsync("trigger", id, "--key", "long", "--wait");
        await WaitForAsync(async () => (await Cli.RunAsync("status", runId, "--json")) is { ExitCode: 0 } s && s.Json().GetProperty("step").GetInt32() >= 2);
        var terminate = await Ok("terminate", runId, "--reason", "stopped from the CLI");
        var waited = await waiting;
        var retry = await Fails(4, "retry", id);

        Assert.Contains("terminated", terminate.Output, StringComparison.Ordinal);
        Assert.True(waited.ExitCode == 6, waited.ToString());
        Assert.Contains("✘ terminated", waited.Output, StringComparison.Ordinal);
        Assert.Contains("stopped from the CLI", waited.Output, StringComparison.Ordinal);
        Assert.Contains("no failed run", retry.Error, StringComparison.Ordinal);
        await Ok("delete", id);
    }

    [Fact]
    public async Task FailedRun_EndsTriggerWaitWithExit6_AndRetryCompletesIt()
    {
        var id = NewId("cli-retry");
        await Ok("create", id, "--type", "countdown", "--param", "steps=3", "--param", "stepMs=10", "--param", "failAtStep=2", "--max-attempts", "1");

        var failed = await Fails(6, "trigger", id, "--wait", "--key", "once");
        var history = (await Ok("history", id, "--json")).Json();
        var retry = await Ok("retry", id, "--delay", "0s");
        await WaitForAsync(async () => (await Cli.RunAsync("status", $"{id}/1/manual-once", "--json")).Json().GetProperty("status").GetString() == "completed");
        var status = (await Ok("status", $"{id}/1/manual-once", "--json")).Json();

        Assert.Contains("✘ failed", failed.Output, StringComparison.Ordinal);
        Assert.Contains("Step 2 fails on attempt 1", failed.Output, StringComparison.Ordinal);
        Assert.Equal("failed", history[0].GetProperty("status").GetString());
        Assert.Contains("attempt 2", retry.Output, StringComparison.Ordinal);
        Assert.Equal((2, 3), (status.GetProperty("attempt").GetInt32(), status.GetProperty("progress").GetProperty("completed").GetInt32()));
        await Ok("delete", id);
    }

    [Fact]
    public async Task BackfillAndBulk_WithDryRuns()
    {
        var label = $"bulk{Guid.NewGuid():N}"[..12];
        var id = NewId("cli-fill");
        var other = NewId("cli-fill");
        await Ok("create", id, "--type", "countdown", "--every", "10m", "--end-at", "-1m", "--param", "steps=1", "--param", "stepMs=10", "--label", $"batch={label}");
        await Ok("create", other, "--type", "countdown", "--param", "steps=1", "--label", $"batch={label}");

        var preview = (await Ok("backfill", id, "--from", "-1h", "--dry-run", "--json")).Json();
        var backfill = await Ok("backfill", id, "--from", "-1h", "--max-concurrency", "2");
        var bulkPreview = await Ok("bulk", "Pause", "--label", $"batch={label}", "--dry-run");
        var bulk = (await Ok("bulk", "Pause", "--label", $"batch={label}", "--json")).Json();
        var unfiltered = await Fails(2, "bulk", "Delete");
        await WaitForAsync(async () => (await Cli.RunAsync("history", id, "--json")).Json().GetArrayLength() == preview.GetProperty("queued").GetArrayLength());
        var occurrences = await Ok("occurrences", id);

        Assert.True(preview.GetProperty("dryRun").GetBoolean());
        Assert.InRange(preview.GetProperty("queued").GetArrayLength(), 5, 6);
        Assert.Contains($"Queued {preview.GetProperty("queued").GetArrayLength()} of", backfill.Output, StringComparison.Ordinal);
        Assert.Contains("2 would affect", bulkPreview.Output, StringComparison.Ordinal);
        Assert.Equal(2, bulk.GetProperty("affected").GetArrayLength());
        Assert.Contains("filter", unfiltered.Error, StringComparison.Ordinal);
        Assert.Contains("Backfilled", occurrences.Output, StringComparison.Ordinal);
        await Ok("delete", id);
        await Ok("delete", other);
    }

    [Fact]
    public async Task Webhooks_AddListDeliveriesRemove_NeverShowingTheSecret()
    {
        const string secret = "cli-test-secret-0123456789";
        var added = (await Ok(["webhooks", "add", "--url", "http://127.0.0.1:9/hook", "--event", "job.failed", "--description", "cli test", "--json"],
            new Dictionary<string, string> { ["JOBS_WEBHOOK_SECRET"] = secret })).Json();
        var hookId = added.GetProperty("id").GetString()!;
        var list = await Ok("webhooks", "list");
        var listJson = await Ok("webhooks", "list", "--json");
        var deliveries = (await Ok("webhooks", "deliveries", hookId, "--json")).Json();
        var deliveriesTable = await Ok("webhooks", "deliveries", hookId);
        var badEvent = await Fails(2, "webhooks", "add", "--url", "http://127.0.0.1:9/hook", "--secret", secret, "--event", "job.exploded");
        var noSecret = await Fails(2, "webhooks", "add", "--url", "http://127.0.0.1:9/hook");
        await Ok("webhooks", "remove", hookId);
        var removedAgain = await Fails(3, "webhooks", "remove", hookId);

        Assert.Contains("http://127.0.0.1:9/hook", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Output + listJson.Output + added.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, deliveries.GetArrayLength());
        Assert.Contains("ATTEMPTS", deliveriesTable.Output, StringComparison.Ordinal);
        Assert.Contains("job.exploded", badEvent.Error, StringComparison.Ordinal);
        Assert.Contains("JOBS_WEBHOOK_SECRET", noSecret.Error, StringComparison.Ordinal);
        Assert.Contains("webhook", removedAgain.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateFromFiles_JsonAndYaml()
    {
        var directory = Directory.CreateTempSubdirectory("jobs-cli-");
        try
        {
            var jsonId = NewId("cli-json");
            var yamlId = NewId("cli-yaml");
            var jsonFile = Path.Combine(directory.FullName, "job.json");
            var yamlFile = Path.Combine(directory.FullName, "job.yaml");
            await File.WriteAllTextAsync(jsonFile, JsonSerializer.Serialize(new
            {
                id = jsonId,
                type = "countdown",
                parameters = new { steps = 2 },
                schedules = new object[] { new { kind = "cron", expression = "30 7 * * 1-5", timeZone = "Europe/Paris" } },
            }));
            await File.WriteAllTextAsync(yamlFile, $"""
                id: {yamlId}
                type: countdown
                parameters:
                  steps: 4
                labels:
                  source: yaml
                schedules:
                  - kind: interval
                    every: "00:15:00"
                """);

            await Ok("create", "--file", jsonFile);
            await Ok("create", "--file", yamlFile);
            var json = (await Ok("get", jsonId, "--json")).Json().GetProperty("definition");
            var yaml = (await Ok("get", yamlId, "--json")).Json().GetProperty("definition");
            var missing = await Fails(2, "create", "--file", Path.Combine(directory.FullName, "none.json"));

            Assert.Equal("30 7 * * 1-5", json.GetProperty("schedules")[0].GetProperty("expression").GetString());
            Assert.Equal((4, "yaml", "00:15:00"), (yaml.GetProperty("parameters").GetProperty("steps").GetInt32(), yaml.GetProperty("labels").GetProperty("source").GetString(), yaml.GetProperty("schedules")[0].GetProperty("every").GetString()));
            Assert.Contains("cannot be read", missing.Error, StringComparison.Ordinal);
            await Ok("delete", jsonId);
            await Ok("delete", yamlId);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Errors_AreOneClearLineWithDistinctExitCodes()
    {
        var cron = await Fails(2, "create", NewId("cli-bad"), "--type", "countdown", "--cron", "not a cron");
        var type = await Fails(2, "create", NewId("cli-bad"), "--type", "no_such_type");
        var duration = await Fails(2, "create", NewId("cli-bad"), "--type", "countdown", "--every", "soon");
        var run = await Fails(3, "status", "missing-job/1/manual-x");
        var flag = await Fails(2, "list", "--no-such-flag");
        var unreachable = await new JobsCli(FreePorts.Next()).RunAsync("list", "--connect-timeout", "2");
        var verbose = await Fails(3, "get", "missing-job", "--verbose");

        Assert.Contains("cron", cron.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no_such_type", type.Error, StringComparison.Ordinal);
        Assert.Contains("--every 'soon'", duration.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("no-such-flag", flag.Error, StringComparison.Ordinal);
        Assert.True(unreachable.ExitCode == 5, unreachable.ToString());
        Assert.Contains("cannot reach the cluster", unreachable.Error, StringComparison.Ordinal);
        foreach (var result in new[] { cron, type, duration, run, unreachable })
        {
            Assert.Single(result.Error.Trim().Split('\n'));
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        }

        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefinitionsNoScheduleCouldHold_AreRefusedWithExit2_AndStoreNothing()
    {
        var huge = NewId("cli-huge");
        var endOfTime = NewId("cli-end");
        var every = await Fails(2, "create", huge, "--type", "countdown", "--every", "10000000d");
        var beyond = await Fails(2, "create", NewId("cli-beyond"), "--type", "countdown", "--every", "100000000000d");
        var once = await Fails(2, "create", endOfTime, "--type", "countdown", "--at", "9999-12-31T23:59:59Z", "--jitter", "1d");
        var reason = await Fails(2, "bulk", "Cancel", "--label", "team=none", "--reason", new string('r', 2000));

        Assert.Contains("schedules[0].every", every.Error, StringComparison.Ordinal);
        Assert.Contains("--every", beyond.Error, StringComparison.Ordinal);
        Assert.Contains("schedules[0].at", once.Error, StringComparison.Ordinal);
        Assert.Contains("reason", reason.Error, StringComparison.Ordinal);
        foreach (var result in new[] { every, beyond, once, reason })
        {
            Assert.Single(result.Error.Trim().Split('\n'));
        }

        await Fails(3, "get", huge);
        await Fails(3, "get", endOfTime);
    }

    private Task<CliResult> Ok(params string[] args) => Ok(args, environment: null);

    private async Task<CliResult> Ok(string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        var result = await Cli.RunAsync(args, environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private async Task<CliResult> Fails(int exitCode, params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}: {result}");
        return result;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "timed out waiting for a condition");
            await Task.Delay(200);
        }
    }
}
