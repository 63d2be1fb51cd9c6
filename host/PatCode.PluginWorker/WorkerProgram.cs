using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using PatCode.Core.Diagnostics;
using PatCode.Core.Plugins.Invocation;
using PatCode.Core.Plugins.Loading;
using PatCode.Core.Plugins.Loading.Workers;
using PatCode.Core.Plugins.Loading.Workers.Protocol;

namespace PatCode.PluginWorker;

/// <summary>
/// The worker's life: compose its one plugin while it connects to the socket patcode named, serve patcode's
/// calls until the channel closes, then exit at once, whatever the plugin's own threads are doing. Nothing is
/// written to stdout by the worker itself: that stream, like stderr, belongs to the plugin and goes to its log.
/// A terminal's Ctrl+C does not end it, and it leads a process group of its own, which whatever its plugin starts
/// joins and which it ends when patcode goes away.
/// </summary>
internal static class WorkerProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        var socketPath = Argument(args, "--socket");
        var plugin = Argument(args, "--plugin");
        var assemblyPath = Argument(args, "--assembly");
        if (socketPath is null || plugin is null || assemblyPath is null
            || !int.TryParse(Argument(args, "--log-level"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var logLevel))
        {
            await Console.Error.WriteLineAsync("patcode-plugin-worker is started by patcode for one plugin; it is not meant to be run by hand.");
            return 2;
        }

        StartupTrace.Mark("worker: main (runtime started)");

        // Ctrl+C on a terminal signals the whole foreground process group, which the worker starts in. What it
        // stops (an answer, a command) is patcode's to decide; the worker ends when patcode stops it or goes away.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, static context => context.Cancel = true);

        // Then it leaves that group for one of its own, before any plugin code runs: what the plugin starts joins
        // it, and ends with it.
        WorkerProcessGroup.Lead();
        var limit = int.TryParse(Environment.GetEnvironmentVariable("PATCODE_WORKER_MEMORY_MB"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mb) ? mb : 512;
        using var watchdog = new MemoryWatchdog(limit);
        var calls = new RemoteCalls();
        using var loggers = new RemoteLoggerFactory(calls, (LogLevel)logLevel);

        // Composing the plugin and bringing up the channel each take tens of milliseconds of first-use work, and
        // neither needs the other: they run side by side. Not collectible: the worker lives exactly as long as
        // this one load, and a lasting context lets the runtime use the plugin's ReadyToRun code.
        var composing = Task.Run(() =>
        {
            var composed = PluginActivator.Compose(plugin, assemblyPath, collectible: false, new RemoteServiceFactory(calls), loggers, marker: null);
            StartupTrace.Mark("worker: plugin composed");
            return composed;
        });

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        StartupTrace.Mark("worker: connected");

        var service = new WorkerService(plugin, assemblyPath, composing, calls, loggers);

        // PatCode is trusted; the cap on what it sends only guards against a runaway message.
        var (rpc, _) = WorkerChannel.Create(new NetworkStream(socket, ownsSocket: true), int.MaxValue, service);
        calls.Attach(rpc);
        rpc.StartListening();
        StartupTrace.Mark("worker: listening");
        try
        {
            await rpc.Completion;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The channel broke; patcode is gone or gave up on this worker.
        }

        // A plugin's foreground threads, or processes it started, must not outlive patcode's use of the worker:
        // its group goes (the worker with it) when it leads one.
        WorkerProcessGroup.EndOwnGroup();
        Environment.Exit(0);
        return 0;
    }

    private static string? Argument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
