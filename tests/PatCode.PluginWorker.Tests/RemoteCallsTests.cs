using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PatCode.Core.Plugins.Loading.Workers.Protocol;
using StreamJsonRpc;

namespace PatCode.PluginWorker.Tests;

/// <summary>
/// A worker composes its plugin while its channel to PatCode comes up, so the plugin's constructor may log,
/// count or use the cache before there is a channel. Those calls wait for it; none is lost or reordered.
/// </summary>
[TestFixture]
public sealed class RemoteCallsTests
{
    [Test]
    public async Task CallsMadeBeforeTheChannelIsAttached_ArriveOnceItIs_InTheOrderTheyWereMade()
    {
        var (host, worker) = SocketPair();
        var patcode = new RecordingHost();
        using var hostRpc = WorkerChannel.Create(new NetworkStream(host, ownsSocket: true), 1 << 20, patcode).Rpc;
        hostRpc.StartListening();

        var calls = new RemoteCalls();
        var loggers = new RemoteLoggerFactory(calls, LogLevel.Information);
        var services = new RemoteServiceFactory(calls).CreateFor("Early");
        loggers.CreateLogger("Early").LogInformation("first");
        services.Telemetry.Increment("composed");
        var read = services.Cache.GetAsync("key").AsTask();
        loggers.CreateLogger("Early").LogInformation("second");
        await Task.Delay(50);
        Assert.That(read.IsCompleted, Is.False, "no channel yet");

        using var workerRpc = WorkerChannel.Create(new NetworkStream(worker, ownsSocket: true), 1 << 20, target: null).Rpc;
        calls.Attach(workerRpc);
        workerRpc.StartListening();
        var value = await read.WaitAsync(TimeSpan.FromSeconds(10));
        await calls.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // Flushed means written; a call answered after them means PatCode has handled them (it handles a
        // connection's messages in order), as a worker's answer to a turn follows that turn's log lines.
        await services.Cache.GetAsync("after").AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(value, Is.EqualTo("value of key"));
        Assert.That(patcode.Seen.Where(s => !s.StartsWith("cache", StringComparison.Ordinal)), Is.EqualTo(new[] { "log first", "increment composed 1", "log second" }), "notifications in order");
        Assert.That(patcode.Seen, Does.Contain("cache get key"));
    }

    private static (Socket Host, Socket Worker) SocketPair()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pc-{Guid.NewGuid():N}"[..12] + ".sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var worker = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        worker.Connect(new UnixDomainSocketEndPoint(path));
        var host = listener.Accept();
        File.Delete(path);
        return (host, worker);
    }

    /// <summary>PatCode's side of the plugin's calls, reduced to a record of what arrived.</summary>
    private sealed class RecordingHost
    {
        private readonly List<string> _seen = [];

        public IReadOnlyList<string> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        [JsonRpcMethod(WorkerProtocol.Log)]
        public void Log(WorkerLogEntry entry) => Add($"log {entry.Message}");

        [JsonRpcMethod(WorkerProtocol.TelemetryIncrement)]
        public void Increment(string name, long delta) => Add($"increment {name} {delta}");

        [JsonRpcMethod(WorkerProtocol.CacheGet)]
        public string Get(string key)
        {
            Add($"cache get {key}");
            return $"value of {key}";
        }

        private void Add(string what)
        {
            lock (_seen)
            {
                _seen.Add(what);
            }
        }
    }
}
