using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Tests.Cluster;
using Orleans.Runtime;

namespace Orleans.Jobs.Tests.Azure;

/// <summary>
/// The Orleans membership contract on the Table membership table (Azurite): version rules (a change commits only against
/// the version it read, and bumps it), one winner among concurrent changes, IAmAlive without a version bump, defunct
/// cleanup, and gateways for clients.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TableMembershipConformance(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly DateTime _now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private (TableMembershipTable Table, TableGatewayListProvider Gateways) Create(string? clusterId = null)
    {
        var options = Options.Create(new AzureStorageJobsOptions { ConnectionString = azurite.ConnectionString, MembershipTable = AzuriteFixture.UniqueName("Membership") });
        var cluster = Options.Create(new ClusterOptions { ClusterId = clusterId ?? "cluster-a", ServiceId = "svc" });
        var clients = new AzureStorageClients(options);
        return (new TableMembershipTable(clients, options, cluster, NullLogger<TableMembershipTable>.Instance),
            new TableGatewayListProvider(clients, options, cluster, Options.Create(new GatewayOptions())));
    }

    private MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 42),
        Status = status,
        ProxyPort = port + 1000,
        HostName = "host",
        SiloName = $"silo-{port}",
        StartTime = _now,
        IAmAliveTime = _now,
        SuspectTimes = [],
    };

    private static async Task<TableMembershipTable> InitializedAsync(TableMembershipTable table)
    {
        await table.InitializeMembershipTable(true);
        await table.InitializeMembershipTable(true);
        return table;
    }

    [Fact]
    public async Task Initialize_Twice_LeavesAnEmptyTableAtVersionZero()
    {
        var table = await InitializedAsync(Create().Table);

        var data = await table.ReadAll();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
    }

    [Fact]
    public async Task Insert_CommitsOnlyAgainstTheVersionItRead_AndBumpsIt()
    {
        var table = await InitializedAsync(Create().Table);
        var start = (await table.ReadAll()).Version;

        Assert.True(await table.InsertRow(Entry(11111), start.Next()));
        Assert.False(await table.InsertRow(Entry(11112), start.Next()));
        var after = await table.ReadAll();
        Assert.False(await table.InsertRow(Entry(11111), after.Version.Next()));

        var final = await table.ReadAll();
        Assert.Equal(1, final.Version.Version);
        var (entry, _) = Assert.Single(final.Members);
        Assert.Equal(("silo-11111", 12111, SiloStatus.Joining), (entry.SiloName, entry.ProxyPort, entry.Status));
    }

    [Fact]
    public async Task Update_NeedsTheRowsETagAndTheCurrentVersion()
    {
        var table = await InitializedAsync(Create().Table);
        await table.InsertRow(Entry(11111), (await table.ReadAll()).Version.Next());
        var read = await table.ReadAll();
        var (entry, etag) = read.Members[0];
        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(SiloAddress.New(IPAddress.Loopback, 22222, 7), _now.AddSeconds(5))];

        Assert.False(await table.UpdateRow(entry, "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"", read.Version.Next()));
        Assert.True(await table.UpdateRow(entry, etag, read.Version.Next()));
        Assert.False(await table.UpdateRow(entry, etag, read.Version.Next()));

        var after = await table.ReadRow(entry.SiloAddress);
        var (stored, _) = Assert.Single(after.Members);
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(SiloStatus.Active, stored.Status);
        var suspect = Assert.Single(stored.SuspectTimes!);
        Assert.Equal((22222, _now.AddSeconds(5)), (suspect.Item1.Endpoint.Port, suspect.Item2));
    }

    [Fact]
    public async Task ConcurrentChanges_OnOneVersion_ExactlyOneWins()
    {
        var table = await InitializedAsync(Create().Table);
        var version = (await table.ReadAll()).Version.Next();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => table.InsertRow(Entry(11111 + i), version)));

        Assert.Single(outcomes, won => won);
        Assert.Single((await table.ReadAll()).Members);
    }

    [Fact]
    public async Task IAmAlive_UpdatesTheTimeWithoutAVersionBump()
    {
        var table = await InitializedAsync(Create().Table);
        var entry = Entry(11111);
        await table.InsertRow(entry, (await table.ReadAll()).Version.Next());

        entry.IAmAliveTime = _now.AddMinutes(3);
        await table.UpdateIAmAlive(entry);

        var data = await table.ReadAll();
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(_now.AddMinutes(3), data.Members[0].Item1.IAmAliveTime);
    }

    [Fact]
    public async Task CleanupDefunct_RemovesOnlyLongDeadSilos()
    {
        var table = await InitializedAsync(Create().Table);
        await table.InsertRow(Entry(11111, SiloStatus.Dead), (await table.ReadAll()).Version.Next());
        await table.InsertRow(Entry(11112, SiloStatus.Active), (await table.ReadAll()).Version.Next());

        await table.CleanupDefunctSiloEntries(_now.AddMinutes(1));

        var (remaining, _) = Assert.Single((await table.ReadAll()).Members);
        Assert.Equal(SiloStatus.Active, remaining.Status);
    }

    [Fact]
    public async Task Gateways_AreTheActiveSilosOfTheClientsCluster()
    {
        var (table, gateways) = Create("cluster-b");
        await InitializedAsync(table);
        await table.InsertRow(Entry(11111, SiloStatus.Active), (await table.ReadAll()).Version.Next());
        await table.InsertRow(Entry(11112, SiloStatus.Dead), (await table.ReadAll()).Version.Next());

        var uris = await gateways.GetGateways();

        var uri = Assert.Single(uris);
        Assert.Equal(12111, uri.Port);

        await table.DeleteMembershipTableEntries("cluster-b");
        Assert.Empty(await gateways.GetGateways());
    }
}
