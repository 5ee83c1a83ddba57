using System.Text.Json;
using CsCheck;
using Orleans.Core.Internal;
using Orleans.Jobs.Tests.Cluster;
using Xunit.Abstractions;

namespace Orleans.Jobs.Tests.Fuzz;

/// <summary>
/// Generated definitions through a three-silo cluster. Refused ones are refused by the client library and, sent past it
/// straight to the job grain, by the silo — naming the field and storing nothing. Accepted ones live a full lifecycle:
/// created, their next 100 fires planned from what was stored, the activation let go, read back equal from storage,
/// paused, deleted.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterDefinitionFuzzTests(ClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task GeneratedDefinitions_AreRefusedByField_OrLiveAFullLifecycle()
    {
        var client = fixture.JobsClient;
        long lived = 0, refused = 0;
        await DefinitionGenerators.Definition.SampleAsync(
            async definition =>
            {
                if (await LiveAsync(client, definition))
                {
                    Interlocked.Increment(ref lived);
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            },
            writeLine: output.WriteLine,
            iter: FuzzSettings.Iterations(1_000),
            threads: 4,
            print: DefinitionGenerators.Print);
        output.WriteLine($"{lived} lived a full lifecycle, {refused} were refused");
        Assert.True(lived >= 300 * FuzzSettings.Scale, $"Only {lived} definitions lived a full lifecycle; at least 300 must.");
    }

    private long _cases;

    private async Task<bool> LiveAsync(Orleans.Jobs.Client.JobsClient client, JobDefinition definition)
    {
        // Each case a job of its own, even where the generator repeats an id.
        var unique = $"{definition.Id}-{Interlocked.Increment(ref _cases)}";
        definition = JobIds.IsValid(definition.Id) && JobIds.IsValid(unique) ? definition with { Id = unique } : definition;
        JobValidationException? refusal = null;
        try
        {
            JobDefinitionRules.Validate(definition);
        }
        catch (JobValidationException exception)
        {
            refusal = exception;
        }

        var grain = JobIds.IsValid(definition.Id) ? fixture.Client.GetGrain<IJobGrain>(definition.Id) : null;
        if (refusal is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(refusal.Field));
            await Assert.ThrowsAsync<JobValidationException>(() => client.Jobs.CreateAsync(definition));
            if (grain is not null)
            {
                // Past the client, straight to the grain: the silo refuses it too, naming the field, and stores nothing.
                var silo = await Assert.ThrowsAsync<JobValidationException>(() => grain.CreateAsync(definition));
                Assert.False(string.IsNullOrWhiteSpace(silo.Field));
                await Assert.ThrowsAsync<JobNotFoundException>(() => grain.GetAsync());
            }

            return false;
        }

        JobSnapshot created;
        try
        {
            created = await client.Jobs.CreateAsync(definition);
        }
        catch (JobValidationException silo) when (silo.Field is "type" or "stepDeadline" or "parameters")
        {
            // What only a silo knows (its job types and configured limits) is refused there; nothing is stored.
            await Assert.ThrowsAsync<JobNotFoundException>(() => grain!.GetAsync());
            return false;
        }

        var upcoming = ScheduleTimeline.Upcoming(created.Definition, created.CreatedAt, 100);
        Assert.Equal(upcoming.Count > 0 ? upcoming[0] : null, created.NextFireAt);
        Assert.Equal(upcoming.Order().ToList(), upcoming);

        await grain!.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var reloaded = await client.Jobs.GetAsync(definition.Id);
        Assert.Equal(Json(created.Definition), Json(reloaded.Definition));
        Assert.Equal(created.Version, reloaded.Version);

        var paused = await client.Jobs.PauseAsync(definition.Id);
        Assert.NotNull(paused.PausedAt);
        await client.Jobs.DeleteAsync(definition.Id);
        await Assert.ThrowsAsync<JobNotFoundException>(() => client.Jobs.GetAsync(definition.Id));
        return true;
    }

    private static string Json(JobDefinition definition) => JsonSerializer.Serialize(definition, JobJson.Options);
}
