using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PatCode.Testing.Telemetry;

/// <summary>
/// A collector that accepts every connection on loopback and never answers: requests hang until the client
/// gives up. Connections stay open until this is disposed.
/// </summary>
public sealed class UnresponsiveCollector : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> _connections = [];
    private readonly Task _loop;

    public UnresponsiveCollector()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>How many connections were accepted (and left unanswered).</summary>
    public int Accepted => _connections.Count;

    public void Dispose()
    {
        _listener.Stop();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            try
            {
                _connections.Add(await _listener.AcceptTcpClientAsync().ConfigureAwait(false));
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
        }
    }
}
