using Microsoft.Extensions.Logging;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Invocation;
using PatCode.Core.Plugins.Loading.Workers.Protocol;
using PatCode.Sdk;
using StreamJsonRpc;

namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>
/// A plugin that runs in a worker process of its own. Each call crosses the channel with a deadline; a worker
/// that does not answer in time is killed, one that dies is diagnosed (exit code or signal, stack overflow, out
/// of memory) and its death counted as a crash, and a new worker is started for the next call. Nothing of the
/// plugin keeps running after a deadline.
/// </summary>
internal sealed class WorkerInvoker : PluginInvoker
{
    private readonly WorkerLaunch _launch;
    private readonly string _assemblyPath;
    private readonly TimeSpan _hookTimeout;
    private readonly IPluginServices _services;
    private readonly ILogger _logger;
    private readonly Func<string, string?> _recordCrash;
    private readonly Action<string> _notify;
    private readonly object _gate = new();
    private Task<WorkerProcess>? _worker;
    private IReadOnlyList<PluginCommandInfo> _commands = [];
    private bool _unloaded;
    private string? _commandsError;

    private WorkerInvoker(WorkerLaunch launch, string assemblyPath, TimeSpan hookTimeout, IPluginServices services, ILogger logger, Func<string, string?> recordCrash, Action<string> notify)
    {
        _launch = launch;
        _assemblyPath = assemblyPath;
        _hookTimeout = hookTimeout;
        _services = services;
        _logger = logger;
        _recordCrash = recordCrash;
        _notify = notify;
    }

    public override PluginIsolation Isolation => PluginIsolation.Process;

    public override IReadOnlyList<PluginCommandInfo> Commands => _commands;

    public override bool RunsCanHandleInline => false;

    public override string? CommandsError => _commandsError;

    /// <summary>The worker's process id, when one is running.</summary>
    public int? ProcessId => _worker is { IsCompletedSuccessfully: true } task && !task.Result.HasExited ? task.Result.ProcessId : null;

    /// <summary>How long the last worker took from spawn to ready.</summary>
    public TimeSpan? StartTime => _worker is { IsCompletedSuccessfully: true } task ? task.Result.StartTime : null;

    /// <summary>
    /// Starts the worker and loads the plugin in it. Throws <see cref="PluginLoadException"/> when it cannot be
    /// (the plugin Faults, as one that fails to load in process does) and <see cref="WorkerIncompatibleException"/>
    /// when the worker speaks another protocol.
    /// </summary>
    /// <param name="launch">How to start the worker.</param>
    /// <param name="assemblyPath">The verified copy of the plugin's assembly to load.</param>
    /// <param name="hookTimeout">Budget of the load and unload hooks.</param>
    /// <param name="services">The plugin's services on the host side, which the worker calls back into.</param>
    /// <param name="logger">The host's plugin log.</param>
    /// <param name="recordCrash">Counts a crash; returns the reason the plugin is now Faulted, or null.</param>
    /// <param name="notify">Tells the user about a worker that died between messages.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<WorkerInvoker> StartAsync(
        WorkerLaunch launch,
        string assemblyPath,
        TimeSpan hookTimeout,
        IPluginServices services,
        ILogger logger,
        Func<string, string?> recordCrash,
        Action<string> notify,
        CancellationToken cancellationToken)
    {
        var invoker = new WorkerInvoker(launch, assemblyPath, hookTimeout, services, logger, recordCrash, notify);
        try
        {
            await invoker.EnsureWorkerAsync().WaitAsync(cancellationToken);
            return invoker;
        }
        catch
        {
            await invoker.UnloadAsync(TimeSpan.Zero);
            throw;
        }
    }

    public override string Describe() =>
        ProcessId is { } pid ? $"process (worker pid {pid}, started in {StartTime!.Value.TotalMilliseconds:0} ms)" : "process (worker not running)";

    public override async ValueTask<PluginCallResult> RunAsync(PluginTurn turn, CancellationToken cancellationToken)
    {
        WorkerProcess worker;
        try
        {
            worker = await EnsureWorkerAsync().WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is PluginLoadException or PluginCallException or WorkerIncompatibleException)
        {
            return new PluginCallResult(PluginRunOutcome.Failed, $"its worker could not be restarted: {e.Message}");
        }

        var canHandle = CanHandleBudget(turn.CanHandleDeadline, firstCall: !worker.Warm);
        worker.Warm = true;
        var request = Snapshot(turn.State, canHandle, turn.ExecuteTimeout);
        WorkerRunReply reply;
        try
        {
            reply = await CallAsync<WorkerRunReply>(worker, WorkerProtocol.Run, request, canHandle + turn.ExecuteTimeout, cancellationToken);
        }
        catch (WorkerCallException e)
        {
            return e.Result;
        }

        lock (turn.State.Sections)
        {
            foreach (var section in reply.Sections)
            {
                turn.State.Sections.Add(new ContextSection(_launch.Plugin, section.Title, SectionLimit.Apply(section.Content, section.Title, _logger)));
            }
        }

        if (request.Items is not null || reply.Items is not null)
        {
            MergeItems(turn.State, request.Items, reply.Items);
        }

        if (reply.Outcome is PluginRunOutcome.TimedOut or PluginRunOutcome.OverDeadline)
        {
            // Its code may still be running in there: nothing of it may go on.
            worker.Kill("it ran past its deadline");
            return new PluginCallResult(reply.Outcome, $"{reply.Error}; its worker was stopped", reply.Stop);
        }

        return new PluginCallResult(reply.Outcome, reply.Error, reply.Stop);
    }

    public override async Task<string> RunCommandAsync(string command, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var worker = await EnsureWorkerAsync().WaitAsync(cancellationToken);
        WorkerCommandReply reply;
        try
        {
            reply = await CallAsync<WorkerCommandReply>(worker, WorkerProtocol.Command, new WorkerCommandRequest(command, arguments, workingDirectory, Milliseconds(timeout)), timeout, cancellationToken);
        }
        catch (WorkerCallException e) when (e.Result.Outcome == PluginRunOutcome.TimedOut)
        {
            throw new TimeoutException(e.Result.Error, e);
        }
        catch (WorkerCallException e)
        {
            throw new PluginCallException(e.Result.Fault is null ? e.Result.Error! : $"{e.Result.Error}; it is now Faulted ({e.Result.Fault})", e);
        }

        if (reply.TimedOut)
        {
            worker.Kill("its command ran past its deadline");
            throw new TimeoutException($"/{command} did not finish in time");
        }

        return reply.Error is null ? reply.Text ?? "" : throw new PluginCallException($"{reply.Error}. Details are in the log");
    }

    public override async Task UnloadAsync(TimeSpan hookTimeout)
    {
        Task<WorkerProcess>? current;
        lock (_gate)
        {
            _unloaded = true;
            current = _worker;
            _worker = null;
        }

        try
        {
            var unloaded = false;
            if (current is { IsCompletedSuccessfully: true } && !current.Result.HasExited && hookTimeout > TimeSpan.Zero)
            {
                var worker = current.Result;
                try
                {
                    unloaded = await CallAsync<bool>(worker, WorkerProtocol.Unload, new WorkerHookRequest(Milliseconds(hookTimeout)), hookTimeout, CancellationToken.None);
                }
                catch (WorkerCallException e)
                {
                    _logger.LogWarning("Plugin {Plugin}: its unload hook failed: {Problem}", _launch.Plugin, e.Result.Error);
                }
            }

            if (current is not null)
            {
                try
                {
                    await (await current).StopAsync(unloaded);
                }
                catch (Exception e) when (e is PluginLoadException or WorkerIncompatibleException)
                {
                    // It never started; nothing to stop.
                }
            }
        }
        finally
        {
            (_services as IDisposable)?.Dispose();
        }
    }

    /// <summary>Calls the worker with a deadline: past it (and a short grace) the worker is killed. Failures become a <see cref="WorkerCallException"/>.</summary>
    private async Task<T> CallAsync<T>(WorkerProcess worker, string method, object argument, TimeSpan budget, CancellationToken cancellationToken)
    {
        var grace = _launch.Options.KillGrace;
        Interlocked.Increment(ref worker.CallsInFlight);
        using var soft = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        soft.CancelAfter(budget + grace);
        using var hard = new CancellationTokenSource();
        using var escalate = soft.Token.Register(() => hard.CancelAfter(grace));
        try
        {
            return await worker.Rpc.CallAsync<T>(method, argument, soft.Token).WaitAsync(hard.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (hard.IsCancellationRequested)
            {
                worker.Kill("the user cancelled and it did not stop");
            }

            throw;
        }
        catch (OperationCanceledException) when (hard.IsCancellationRequested)
        {
            worker.Kill("it did not answer within its deadline");
            throw new WorkerCallException(new PluginCallResult(PluginRunOutcome.TimedOut, $"did not answer within {budget.TotalSeconds:0.##} s; its worker was stopped"));
        }
        catch (OperationCanceledException)
        {
            // The worker cancelled the call itself when asked to, past the deadline.
            throw new WorkerCallException(new PluginCallResult(PluginRunOutcome.TimedOut, $"timed out after {budget.TotalSeconds:0.##} s"));
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or IOException)
        {
            var cause = await worker.DiagnoseAsync();
            if (worker.KilledBecause is not null && worker.Handler.Refused is null)
            {
                throw new WorkerCallException(new PluginCallResult(PluginRunOutcome.TimedOut, $"{cause}; its worker was stopped"));
            }

            var fault = worker.ClaimCrash() ? _recordCrash(cause) : null;
            _logger.LogWarning("Plugin {Plugin}: its worker (pid {Pid}) died during {Method}: {Cause}", _launch.Plugin, worker.ProcessId, method, cause);
            throw new WorkerCallException(new PluginCallResult(PluginRunOutcome.Crashed, $"its worker died: {cause}", Fault: fault));
        }
        catch (RemoteInvocationException e)
        {
            _logger.LogWarning(e, "Plugin {Plugin}: its worker failed {Method}", _launch.Plugin, method);
            throw new WorkerCallException(new PluginCallResult(PluginRunOutcome.Failed, $"its worker failed: {e.Message}"));
        }
        finally
        {
            Interlocked.Decrement(ref worker.CallsInFlight);
        }
    }

    private Task<WorkerProcess> EnsureWorkerAsync()
    {
        lock (_gate)
        {
            if (_unloaded)
            {
                return Task.FromException<WorkerProcess>(new PluginCallException("it was unloaded"));
            }

            var current = _worker;
            var usable = current is not null && (!current.IsCompleted || (current.IsCompletedSuccessfully && !current.Result.HasExited && current.Result.KilledBecause is null));
            if (!usable)
            {
                _worker = current = StartWorkerAsync();
            }

            return current!;
        }
    }

    private async Task<WorkerProcess> StartWorkerAsync()
    {
        var worker = await WorkerProcess.StartAsync(_launch, _assemblyPath, CancellationToken.None);
        WorkerLoadReply reply;
        try
        {
            reply = await CallAsync<WorkerLoadReply>(worker, WorkerProtocol.Load, new WorkerHookRequest(Milliseconds(_hookTimeout)), _hookTimeout + _launch.Options.StartTimeout, CancellationToken.None);
        }
        catch (WorkerCallException e)
        {
            await worker.DisposeAsync();
            throw new PluginLoadException(e.Result.Outcome == PluginRunOutcome.Crashed ? e.Result.Error! : $"its worker did not load it ({e.Result.Error})");
        }

        if (reply.Error is not null)
        {
            await worker.DisposeAsync();
            throw new PluginLoadException(reply.Error);
        }

        _commands = [.. reply.Commands.Select(c => new PluginCommandInfo(c.Name, c.Help))];
        _commandsError = reply.CommandsError;
        _logger.LogInformation("Plugin {Plugin} runs in worker {Pid}, ready in {Ms} ms", _launch.Plugin, worker.ProcessId, worker.StartTime.TotalMilliseconds);
        _ = worker.Exited.ContinueWith(_ => OnExitedAsync(worker), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        return worker;
    }

    /// <summary>A worker that dies with no call under way died between messages: still a crash, and the user hears of it.</summary>
    private async Task OnExitedAsync(WorkerProcess worker)
    {
        if (worker.Stopping || worker.KilledBecause is not null || Volatile.Read(ref worker.CallsInFlight) > 0 || !worker.ClaimCrash())
        {
            return;
        }

        var cause = await worker.DiagnoseAsync();
        var fault = _recordCrash(cause);
        _logger.LogWarning("Plugin {Plugin}: its worker (pid {Pid}) died between messages: {Cause}", _launch.Plugin, worker.ProcessId, cause);
        _notify(fault is null
            ? $"plugin {_launch.Plugin}: its worker process died between messages ({cause}); it restarts with the next one"
            : $"plugin {_launch.Plugin}: its worker process died between messages ({cause}) and it is now Faulted: {fault}");
    }

    private static WorkerRunRequest Snapshot(ChainState state, TimeSpan canHandle, TimeSpan execute)
    {
        ContextSection[] sections;
        lock (state.Sections)
        {
            sections = [.. state.Sections];
        }

        return new WorkerRunRequest(
            state.Request.Input,
            state.Request.WorkingDirectory,
            state.Request.Conversation,
            state.Request.Files,
            sections,
            state.HasItems ? WorkerValues.ToWire(state.Items) : null,
            Milliseconds(canHandle),
            Milliseconds(execute));
    }

    /// <summary>The worker's items after the turn replace what was sent: changed, added, and removed keys alike.</summary>
    private static void MergeItems(ChainState state, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? sent, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? returned)
    {
        foreach (var key in sent?.Keys ?? [])
        {
            if (returned is null || !returned.ContainsKey(key))
            {
                state.Items.Remove(key);
            }
        }

        foreach (var (key, value) in WorkerValues.FromWire(returned))
        {
            state.Items[key] = value;
        }
    }

    private static int Milliseconds(TimeSpan span) => (int)Math.Min(int.MaxValue, Math.Ceiling(span.TotalMilliseconds));
}
