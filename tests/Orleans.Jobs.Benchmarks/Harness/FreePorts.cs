namespace Orleans.Jobs.Benchmarks.Harness;

/// <summary>Free TCP ports on 127.0.0.1, for the silos and servers the harness starts.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
