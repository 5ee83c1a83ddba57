using System.Net.Sockets;
using System.Net;

namespace Orleans.Jobs.TestSupport;

/// <summary>Ports nobody listens on right now, on 127.0.0.1.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
