using Orleans.Configuration;
using Orleans.Hosting;

namespace Orleans.Jobs.Tests.Cluster;

/// <summary>Timing for test silos: reminders down to a second and failure detection in a few seconds.</summary>
internal static class TestSiloTuning
{
    public static void Apply(ISiloBuilder silo)
    {
        silo.Configure<ReminderOptions>(options =>
        {
            options.MinimumReminderPeriod = ClusterFixture.KeepAlivePeriod;
            options.RefreshReminderListPeriod = TimeSpan.FromSeconds(2);
        });
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
            options.NumVotesForDeathDeclaration = 1;
            options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        });
    }
}
