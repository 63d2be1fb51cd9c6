using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PatCode.Core.Plugins.Loading.Workers.Protocol;
using PatCode.Sdk;
using StreamJsonRpc;

namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>
/// One running worker process: spawned with its memory cap, connected over a Unix domain socket in a private
/// folder (never its stdout, which goes to the plugin's log with its stderr), checked with a handshake, and
/// killed with everything it started (its process group, see <see cref="WorkerProcessGroup"/>) when it must stop.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _exited;
    private int _crashSeen;

    private WorkerProcess(Process process, WorkerOutput output, JsonRpc rpc, CappedMessageHandler handler)
    {
        _process = process;
        Output = output;
        Rpc = rpc;
        Handler = handler;
        ProcessId = process.Id;
        _exited = process.WaitForExitAsync();
    }

    public int ProcessId { get; }

    public JsonRpc Rpc { get; }

    public CappedMessageHandler Handler { get; }

    public WorkerOutput Output { get; }

    /// <summary>Spawn to ready: connected and past the handshake (the plugin not yet loaded).</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Calls under way; a death with none under way happened between messages.</summary>
    public int CallsInFlight;

    /// <summary>Whether its plugin code has run once (its first CanHandle gets the cold-start allowance).</summary>
    public bool Warm { get; set; }

    /// <summary>Why PatCode killed it, if PatCode did; such an end is not a crash.</summary>
    public string? KilledBecause { get; private set; }

    /// <summary>Set when PatCode is stopping it on purpose (unload, shutdown).</summary>
    public bool Stopping { get; private set; }

    public Task Exited => _exited;

    public bool HasExited => _exited.IsCompleted;

    public int? ExitCode => _exited.IsCompleted ? _process.ExitCode : null;

    /// <summary>True the first time it is asked about a given death, so a crash is counted once however it is noticed.</summary>
    public bool ClaimCrash() => Interlocked.Exchange(ref _crashSeen, 1) == 0;

    /// <summary>Starts a worker for <paramref name="assemblyPath"/> (which it composes at once) and does the handshake.</summary>
    public static async Task<WorkerProcess> StartAsync(WorkerLaunch launch, string assemblyPath, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (fileName, prefix) = WorkerExecutable.Resolve(launch.Options.Executable);
        var socketPath = Path.Combine(launch.SocketFolder, $"{Guid.NewGuid():N}"[..12] + ".sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(1);
        }
        catch (Exception e) when (e is SocketException or ArgumentException or IOException)
        {
            throw new PluginLoadException($"its worker could not be started: no socket at {socketPath} ({e.Message})", e);
        }

        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = launch.WorkingDirectory,
        };
        foreach (var word in prefix)
        {
            info.ArgumentList.Add(word);
        }

        info.ArgumentList.Add("--socket");
        info.ArgumentList.Add(socketPath);
        info.ArgumentList.Add("--plugin");
        info.ArgumentList.Add(launch.Plugin);
        info.ArgumentList.Add("--assembly");
        info.ArgumentList.Add(assemblyPath);
        info.ArgumentList.Add("--log-level");
        info.ArgumentList.Add(launch.MinimumLogLevel.ToString(CultureInfo.InvariantCulture));

        // The memory cap is the GC's hard heap limit; the worker also watches its resident memory against it.
        var limit = (long)launch.Options.MemoryLimitMegabytes * 1024 * 1024;
        info.Environment["DOTNET_GCHeapHardLimit"] = limit.ToString("X", CultureInfo.InvariantCulture);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_gcConcurrent"] = "0";
        info.Environment["DOTNET_TieredPGO"] = "0";

        // W^X maps every page of JIT-compiled code twice and flips it between writable and executable, which a
        // worker's start (almost all first-use JIT) pays for dearly. A worker runs one plugin the user trusted,
        // and its only input is patcode over a private socket; patcode itself keeps W^X.
        info.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        info.Environment["PATCODE_WORKER_MEMORY_MB"] = launch.Options.MemoryLimitMegabytes.ToString(CultureInfo.InvariantCulture);

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            TryDelete(socketPath);
            process.Dispose();
            throw new PluginLoadException($"its worker could not be started ({e.Message})", e);
        }

        process.StandardInput.Close();
        var output = WorkerOutput.Attach(process.StandardOutput, process.StandardError, launch.OutputLogger, launch.Options.MaxOutputBytes);
        Socket? socket = null;
        WorkerProcess? worker = null;
        try
        {
            socket = await AcceptAsync(listener, process, launch.Options.StartTimeout, cancellationToken);
            TryDelete(socketPath);
            CheckPeer(socket, process.Id);
            var (rpc, handler) = WorkerChannel.Create(new NetworkStream(socket, ownsSocket: true), launch.Options.MaxMessageBytes, launch.Callbacks);
            worker = new WorkerProcess(process, output, rpc, handler);
            rpc.StartListening();
            var hello = await rpc.CallAsync<WorkerHelloReply>(WorkerProtocol.Initialize, new WorkerHello(WorkerProtocol.Version, SdkInfo.Version.ToString(3)), cancellationToken)
                .WaitAsync(launch.Options.StartTimeout, cancellationToken);
            if (hello.ProtocolVersion != WorkerProtocol.Version || hello.SdkVersion != SdkInfo.Version.ToString(3))
            {
                throw new WorkerIncompatibleException(
                    $"its worker speaks protocol {hello.ProtocolVersion} with PatCode.Sdk {hello.SdkVersion}, but this PatCode speaks protocol {WorkerProtocol.Version} with PatCode.Sdk {SdkInfo.Version.ToString(3)}: reinstall PatCode so patcode and {WorkerExecutable.Name} match");
            }

            worker.StartTime = Stopwatch.GetElapsedTime(started);
            return worker;
        }
        catch (Exception e)
        {
            socket?.Dispose();
            TryDelete(socketPath);
            worker?.Rpc.Dispose();
            Kill(process, entireProcessTree: true);
            await Task.WhenAny(process.WaitForExitAsync(CancellationToken.None), Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
            await Task.WhenAny(output.Completion, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None));
            var why = process.HasExited && e is not WorkerIncompatibleException ? WorkerExit.Describe(process.ExitCode, output.StderrTail) : FirstLine(e);
            process.Dispose();
            if (e is WorkerIncompatibleException || (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                throw;
            }

            throw new PluginLoadException($"its worker did not start ({why})", e);
        }
    }

    /// <summary>Kills the worker and everything it started. <paramref name="why"/> says it was PatCode's doing, not a crash.</summary>
    public void Kill(string why)
    {
        KilledBecause ??= why;
        Kill(_process, entireProcessTree: true);
    }

    /// <summary>Why it died, once it has (or after a short wait for the runtime to finish writing): a crash's cause in a few words.</summary>
    public async Task<string> DiagnoseAsync()
    {
        if (Handler.Refused is { } size)
        {
            Kill($"it sent a message of {size / (1024.0 * 1024.0):0.#} MB, over the {Handler.MaxBytes / (1024 * 1024)} MB limit (plugins.workerMaxMessageMB)");
        }

        if (KilledBecause is { } killed)
        {
            return killed;
        }

        await Task.WhenAny(_exited, Task.Delay(TimeSpan.FromSeconds(3)));
        if (!HasExited)
        {
            Kill("it closed its channel but kept running");
            return "it closed its channel but kept running";
        }

        // The runtime's last words arrive on stderr just before the exit; let them be read.
        await Task.WhenAny(Output.Completion, Task.Delay(TimeSpan.FromSeconds(1)));
        return WorkerExit.Describe(ExitCode, Output.StderrTail);
    }

    /// <summary>Stops it on purpose: closes the channel, then kills it if it does not leave by itself.</summary>
    public ValueTask DisposeAsync() => StopAsync(unloaded: false);

    /// <summary>
    /// Stops it on purpose. <paramref name="unloaded"/>: the plugin's unload hook has run and the worker has
    /// answered with its last log lines, so nothing of the plugin's is left to wait for and the worker is ended
    /// at once, rather than waited on through the runtime's own shutdown (tens of milliseconds per worker, at
    /// every exit of patcode). Otherwise the channel closes and the worker has a second to leave by itself.
    /// </summary>
    public async ValueTask StopAsync(bool unloaded)
    {
        Stopping = true;
        Rpc.Dispose();
        if (unloaded)
        {
            // The worker and its process group (what its plugin started), not the whole tree: finding descendants
            // means reading the whole process table, which took longer than the runtime's shutdown it saves.
            KilledBecause ??= "it was unloaded";
            Kill(_process, entireProcessTree: false);
        }
        else if (await Task.WhenAny(_exited, Task.Delay(TimeSpan.FromSeconds(1))) != _exited)
        {
            Kill("PatCode stopped it");
        }

        await Task.WhenAny(_exited, Task.Delay(TimeSpan.FromSeconds(2)));
        _process.Dispose();
    }

    private static async Task<Socket> AcceptAsync(Socket listener, Process process, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var give = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        give.CancelAfter(timeout);
        var accept = listener.AcceptAsync(give.Token).AsTask();
        var exited = process.WaitForExitAsync(give.Token);
        if (await Task.WhenAny(accept, exited) == accept)
        {
            return await accept;
        }

        await give.CancelAsync();
        if (process.HasExited)
        {
            throw new IOException("it exited before connecting");
        }

        throw new TimeoutException($"it did not connect within {timeout.TotalSeconds:0.#} s");
    }

    /// <summary>On Linux, the socket must come from the process we started: the kernel says who is at the other end.</summary>
    private static void CheckPeer(Socket socket, int expected)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        const int SolSocket = 1;
        const int SoPeerCred = 17;
        Span<byte> credentials = stackalloc byte[12];
        if (socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials) >= 4)
        {
            var pid = BitConverter.ToInt32(credentials);
            if (pid != expected)
            {
                throw new IOException($"process {pid} connected in place of the worker {expected}");
            }
        }
    }

    private static void Kill(Process process, bool entireProcessTree)
    {
        // Asked only while the worker has not been reaped: after that its number may belong to another process.
        var leadsGroup = IsRunning(process) && WorkerProcessGroup.IsLeader(process.Id);
        try
        {
            process.Kill(entireProcessTree);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }

        // Then what the plugin started that is left in the worker's group, orphans included (after the tree, whose
        // walk needs the worker alive to find children that left the group).
        if (leadsGroup)
        {
            WorkerProcessGroup.Kill(process.Id);
        }
    }

    private static bool IsRunning(Process process)
    {
        try
        {
            return !process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder goes with the host anyway.
        }
    }

    private static string FirstLine(Exception e) => e.Message.Split('\n', 2)[0].Trim();
}
