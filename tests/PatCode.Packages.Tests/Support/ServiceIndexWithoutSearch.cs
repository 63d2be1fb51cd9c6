using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PatCode.Packages.Tests.Support;

/// <summary>
/// A NuGet V3 feed on loopback whose service index offers no search service (as some private feeds do): every
/// request gets the index, which names only a package base address. Enough for NuGet's client to find no search.
/// </summary>
internal sealed class ServiceIndexWithoutSearch : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public ServiceIndexWithoutSearch()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/v3/index.json";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        var index = Encoding.UTF8.GetBytes($$"""{"version":"3.0.0","resources":[{"@id":"{{Url.Replace("index.json", "flat/", StringComparison.Ordinal)}}","@type":"PackageBaseAddress/3.0.0"}]}""");
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(index);
            context.Response.Close();
        }
    }
}
