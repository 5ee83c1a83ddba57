using System.Reflection;
using Orleans.Configuration;
using Orleans.Jobs.AzureStorage;
using Orleans.Jobs.Configuration;
using Orleans.Jobs.Hosting;
using Orleans.Jobs.TestSupport;

namespace Orleans.Jobs.Tests.Processes;

/// <summary>
/// <c>docker-compose.yml</c> can't run here (no Docker engine), so its wiring is checked against what the process
/// tests run: the silos use the shared settings the process tests start theirs with, on the binaries the tests run,
/// with health checks on the endpoint the silo serves, and every setting names an option that exists.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] _silos = ["silo1", "silo2", "silo3"];

    [Fact]
    public void TheThreeSilos_ShareTheTestedSettings_WithTheirOwnAddress_AndAReadinessCheck()
    {
        var shared = ComposeFile.SiloSettings();
        foreach (var silo in _silos)
        {
            var environment = ComposeFile.Environment("services", silo, "environment");
            Assert.Equal(silo, environment["Silo:AdvertisedAddress"]);
            Assert.Equal(shared, environment.Where(e => e.Key != "Silo:AdvertisedAddress").ToDictionary(e => e.Key, e => e.Value));

            var service = ComposeFile.Mapping("services", silo);
            Assert.Equal("silo/Dockerfile", ComposeFile.Mapping("services", silo, "build")["dockerfile"]);
            var check = Assert.IsType<List<object>>(ComposeFile.Mapping("services", silo, "healthcheck")["test"]);
            Assert.Equal(["CMD", "curl", "-fsS", "http://127.0.0.1:8080/health/ready"], check.Cast<string>());
            Assert.True(service.ContainsKey("depends_on"), $"{silo} waits for Azurite");
        }

        Assert.Equal(("Azure", "Table"), (shared["Storage:Mode"], shared["Silo:Clustering"]));
        Assert.Equal("0.0.0.0", shared["Silo:HealthAddress"]);
        Assert.Contains("azurite:10002", shared["Storage:ConnectionString"], StringComparison.Ordinal);
    }

    [Fact]
    public void TheImages_RunTheBinariesTheTestsRun()
    {
        var silo = File.ReadAllLines(System.IO.Path.Combine(ComposeFile.Root, "silo", "Dockerfile"));
        var cli = File.ReadAllLines(System.IO.Path.Combine(ComposeFile.Root, "client", "Dockerfile"));

        Assert.Contains("ENTRYPOINT [\"dotnet\", \"" + System.IO.Path.GetFileName(BuiltBinaries.Find("silo", "Orleans.Jobs.Silo.dll")) + "\"]", silo);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"" + System.IO.Path.GetFileName(BuiltBinaries.Find("client", "jobs.dll")) + "\"]", cli);
        Assert.Contains(silo, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        Assert.Contains(silo, l => l.Contains("curl", StringComparison.Ordinal) && l.StartsWith("RUN ", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCliService_WaitsForHealthySilos_AndCreatesTheDemoJobFromAFileInTheRepository()
    {
        var dependsOn = ComposeFile.Mapping("services", "jobs", "depends_on");
        Assert.Equal(_silos, dependsOn.Keys.Order());
        Assert.All(_silos, s => Assert.Equal("service_healthy", ComposeFile.Mapping("services", "jobs", "depends_on", s)["condition"]));
        var command = Assert.IsType<List<object>>(ComposeFile.Mapping("services", "jobs")["command"]).Cast<string>().ToList();
        Assert.Equal(["create", "--file", "/jobs/countdown.yaml"], command);
        Assert.True(File.Exists(System.IO.Path.Combine(ComposeFile.Root, "deploy", "jobs", "countdown.yaml")));

        var cli = ComposeFile.Environment("services", "jobs", "environment");
        var silo = ComposeFile.SiloSettings();
        Assert.All(cli, setting => Assert.Equal(silo[setting.Key], setting.Value));
    }

    [Fact]
    public void EverySiloSetting_NamesAnOptionThatExists()
    {
        var sections = new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            ["Silo:Membership"] = typeof(ClusterMembershipOptions),
            ["Silo:Reminders"] = typeof(ReminderOptions),
            ["Storage"] = typeof(AzureStorageJobsOptions),
            ["Jobs"] = typeof(JobsOptions),
        };
        string[] hostSettings = ["Storage:Mode", "Silo:Clustering", "Silo:ClusterId", "Silo:ServiceId", "Silo:HealthAddress", "Silo:AdvertisedAddress", "Demo:Enabled"];
        foreach (var key in ComposeFile.SiloSettings().Keys.Where(k => !hostSettings.Contains(k)))
        {
            var split = key.LastIndexOf(':');
            var (section, property) = (key[..split], key[(split + 1)..]);
            Assert.True(sections.TryGetValue(section, out var type), $"{key}: no options class for section {section}");
            Assert.True(type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance)?.CanWrite == true, $"{key}: {type.Name} has no settable {property}");
        }
    }
}
