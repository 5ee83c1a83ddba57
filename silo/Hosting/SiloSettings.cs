using System.ComponentModel.DataAnnotations;

namespace Orleans.Jobs.Silo.Hosting;

/// <summary>The silo's cluster settings (section <c>Silo</c>).</summary>
public sealed class SiloSettings
{
    /// <summary>The cluster's id; silos with the same id form one cluster. Default <c>orleans-jobs</c>.</summary>
    [Required]
    public string ClusterId { get; set; } = "orleans-jobs";

    /// <summary>The service's id; it keys durable data (reminders), so keep it across deployments. Default <c>orleans-jobs</c>.</summary>
    [Required]
    public string ServiceId { get; set; } = "orleans-jobs";

    /// <summary>The port silos talk on. Default 11111.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients connect to. Default 30000.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>How silos find each other. Default <see cref="ClusteringMode.Localhost"/>.</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>For Table clustering: the address other silos and clients reach this one at. Default <c>127.0.0.1</c>.</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The port of the silo's HTTP endpoint: <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>
    /// (Prometheus). Default 8080.
    /// </summary>
    [Range(1, 65535)]
    public int HealthPort { get; set; } = 8080;

    /// <summary>The address the HTTP endpoint listens on. Default <c>127.0.0.1</c>; <c>0.0.0.0</c> in a container.</summary>
    [Required]
    public string HealthAddress { get; set; } = "127.0.0.1";
}
