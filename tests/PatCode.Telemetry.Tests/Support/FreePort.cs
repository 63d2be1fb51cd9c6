using System.Net;
using System.Net.Sockets;

namespace PatCode.Telemetry.Tests.Support;

internal static class FreePort
{
    /// <summary>A loopback port the OS just handed out; servers that cannot take port 0 bind to it.</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
