using System.Net;
using System.Net.Sockets;

namespace PatCode.Testing.Telemetry;

/// <summary>A loopback port that was free a moment ago (another process may still take it: retry on failure).</summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
