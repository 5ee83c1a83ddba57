using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orleans.Jobs.Diagnostics;

/// <summary>
/// Readiness of the local silo: healthy once the cluster's membership lists it Active (it takes grain calls and
/// reminders), unhealthy while it joins, shuts down or has been declared dead.
/// </summary>
public sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "orleans-silo";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(localSilo.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var data = new Dictionary<string, object>
        {
            ["silo"] = localSilo.SiloAddress.ToString(),
            ["status"] = status.ToString(),
            ["activeSilos"] = active,
            ["membershipVersion"] = snapshot.Version.Value,
        };

        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {localSilo.SiloAddress} is active; {active} active in the cluster", data)
            : HealthCheckResult.Unhealthy($"silo {localSilo.SiloAddress} is {status} in the cluster's membership", data: data));
    }
}
