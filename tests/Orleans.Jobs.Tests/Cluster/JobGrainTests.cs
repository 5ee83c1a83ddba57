using static Orleans.Jobs.Tests.Cluster.ClusterTestHelpers;

namespace Orleans.Jobs.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class JobGrainTests(ClusterFixture fixture)
{
    private IJobGrain Job(string id) => fixture.Client.GetGrain<IJobGrain>(id);

    [Fact]
    public async Task Create_SameDefinitionTwice_IsAcceptedOnce()
    {
        var id = NewId("create");
        var first = await Job(id).CreateAsync(StepRecorder(id, new { steps = 1 }));
        var second = await Job(id).CreateAsync(StepRecorder(id, new { steps = 1 }));

        Assert.Equal(1, first.Version);
        Assert.Equal(1, first.Generation);
        Assert.Equal((first.Version, first.Generation, first.CreatedAt, first.UpdatedAt), (second.Version, second.Generation, second.CreatedAt, second.UpdatedAt));
        Assert.Equal(first.Definition.Parameters, second.Definition.Parameters);
    }

    [Fact]
    public async Task Create_DifferentDefinitionForExistingId_IsConflict()
    {
        var id = NewId("conflict");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 1 }));

        await Assert.ThrowsAsync<JobConflictException>(() => Job(id).CreateAsync(StepRecorder(id, new { steps = 2 })));
        Assert.Equal(1, (await Job(id).GetAsync()).Definition.Parameters.Get<int>("steps"));
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsRefusedAndKeepsStoredDefinition()
    {
        var id = NewId("update");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 1 }));
        var updated = await Job(id).UpdateAsync(StepRecorder(id, new { steps = 2 }), expectedVersion: 1);

        var error = await Assert.ThrowsAsync<JobConflictException>(() => Job(id).UpdateAsync(StepRecorder(id, new { steps = 3 }), expectedVersion: 1));

        Assert.Equal(2, updated.Version);
        Assert.Contains("version 2", error.Message);
        var stored = await Job(id).GetAsync();
        Assert.Equal(2, stored.Version);
        Assert.Equal(2, stored.Definition.Parameters.Get<int>("steps"));
    }

    [Theory]
    [InlineData("no spaces allowed", "id")]
    [InlineData("", "id")]
    public async Task Create_InvalidId_NamesTheField(string badId, string field)
    {
        var key = NewId("badid");
        var error = await Assert.ThrowsAsync<JobValidationException>(() => Job(key).CreateAsync(StepRecorder(badId, new { })));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task Create_UnknownJobType_NamesTheTypeAndStoresNothing()
    {
        var id = NewId("type");
        var error = await Assert.ThrowsAsync<JobValidationException>(() => Job(id).CreateAsync(new JobDefinition { Id = id, Type = "no_such_type" }));

        Assert.Equal("type", error.Field);
        Assert.Contains("unknown job type 'no_such_type'", error.Message);
        Assert.Contains("step_recorder", error.Message);
        await Assert.ThrowsAsync<JobNotFoundException>(() => Job(id).GetAsync());
    }

    [Fact]
    public async Task Update_OversizedParameters_IsRefusedAndKeepsStoredDefinition()
    {
        var id = NewId("big");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 1 }));

        var error = await Assert.ThrowsAsync<JobValidationException>(() =>
            Job(id).UpdateAsync(StepRecorder(id, new { steps = 1, blob = new string('x', 70_000) }), expectedVersion: 1));

        Assert.Equal("parameters", error.Field);
        Assert.Contains("the limit is 65536", error.Message);
        var stored = await Job(id).GetAsync();
        Assert.Equal(1, stored.Version);
        Assert.Null(stored.Definition.Parameters.Get<string>("blob"));
    }

    [Fact]
    public async Task Create_InvalidRetryPolicy_NamesTheField()
    {
        var id = NewId("policy");
        var error = await Assert.ThrowsAsync<JobValidationException>(() =>
            Job(id).CreateAsync(StepRecorder(id, new { }, new RetryPolicy { MaximumAttempts = 0 })));
        Assert.Equal("retry.maximumAttempts", error.Field);
    }

    [Fact]
    public async Task Trigger_UnknownJob_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<JobNotFoundException>(() => Job(NewId("ghost")).TriggerAsync(new TriggerRequest()));
        Assert.Equal("job", error.Kind);
    }

    [Fact]
    public async Task Delete_ThenCreateAgain_StartsNewGeneration()
    {
        var id = NewId("regen");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 1 }));
        var firstRun = await Job(id).TriggerAsync(new TriggerRequest { IdempotencyKey = "k" });
        await fixture.Client.GetGrain<IRunGrain>(firstRun.RunId).WaitForFinishAsync();

        await Job(id).DeleteAsync();
        await Assert.ThrowsAsync<JobNotFoundException>(() => Job(id).GetAsync());
        var recreated = await Job(id).CreateAsync(StepRecorder(id, new { steps = 1 }));
        var secondRun = await Job(id).TriggerAsync(new TriggerRequest { IdempotencyKey = "k" });

        Assert.Equal(2, recreated.Generation);
        Assert.Equal($"{id}/1/manual-k", firstRun.RunId);
        Assert.Equal($"{id}/2/manual-k", secondRun.RunId);
        Assert.NotEqual(firstRun.RunId, secondRun.RunId);
    }

    [Fact]
    public async Task Delete_WithActiveRun_TerminatesItPromptly()
    {
        var id = NewId("delete-active");
        await Job(id).CreateAsync(StepRecorder(id, new { steps = 20, stepDelayMs = 200 }));
        var run = await Job(id).TriggerAsync(new TriggerRequest());

        // The run reports its end to the job; that must not wait on the job's own delete call.
        await Job(id).DeleteAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var terminated = await fixture.Client.GetGrain<IRunGrain>(run.RunId).GetStatusAsync();

        Assert.Equal(RunStatus.Terminated, terminated.Status);
        Assert.Equal("job deleted", terminated.TerminationReason);
    }

    [Fact]
    public async Task Create_InvalidCron_NamesTheScheduleAndStoresNothing()
    {
        var id = NewId("bad-cron");
        var definition = StepRecorder(id, new { steps = 1 }) with { Schedules = [Schedule.Interval(TimeSpan.FromHours(1)), Schedule.Cron("0 25 * * *")] };

        var error = await Assert.ThrowsAsync<JobValidationException>(() => Job(id).CreateAsync(definition));

        Assert.Equal("schedules[1].expression", error.Field);
        Assert.Contains("invalid cron '0 25 * * *'", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<JobNotFoundException>(() => Job(id).GetAsync());
    }

    [Fact]
    public async Task Update_ChangedSchedule_MovesTheNextFire()
    {
        var id = NewId("reschedule");
        var created = await Job(id).CreateAsync(StepRecorder(id, new { steps = 1 }) with { Schedules = [Schedule.Cron("0 0 1 1 *")] });

        var updated = await Job(id).UpdateAsync(created.Definition with { Schedules = [Schedule.Interval(TimeSpan.FromHours(1))] }, created.Version);
        await Job(id).DeleteAsync();

        Assert.Equal(1, created.NextFireAt!.Value.Month);
        Assert.InRange(updated.NextFireAt!.Value - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(1));
        Assert.Equal(JobLifecycle.Scheduled, updated.Status);
    }
}
