using Microsoft.Extensions.Logging;
using PatCode.Core.Diagnostics;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Plugins.Invocation;
using PatCode.Core.Plugins.Loading;
using PatCode.Core.Plugins.Loading.Workers.Protocol;
using PatCode.Sdk;
using StreamJsonRpc;

namespace PatCode.PluginWorker;

/// <summary>
/// What patcode calls in the worker. The plugin is loaded with the host's own loader and run through the
/// host's own chain (a chain of one), so CanHandle deadlines, timeouts and failures are judged exactly as in
/// process; only the context is a snapshot, and the services and logger call back into patcode.
/// </summary>
internal sealed class WorkerService : IDisposable
{
    private RemoteCalls _calls = null!;
    private RemoteLoggerFactory _loggers = null!;
    private InProcessInvoker? _invoker;
    private LoadedPlugin? _plugin;
    private PluginChain? _chain;
    private ChainBudget _budget;

    public void Attach(JsonRpc rpc) => _calls = new RemoteCalls(rpc);

    public void Dispose() => _loggers?.Dispose();

    [JsonRpcMethod(WorkerProtocol.Initialize)]
    public WorkerHelloReply Initialize(WorkerHello hello)
    {
        StartupTrace.Mark("worker: handshake");
        _loggers = new RemoteLoggerFactory(_calls, (LogLevel)hello.MinimumLogLevel);
        return new WorkerHelloReply(WorkerProtocol.Version, SdkInfo.Version.ToString(3), Environment.ProcessId);
    }

    [JsonRpcMethod(WorkerProtocol.Load)]
    public async Task<WorkerLoadReply> LoadAsync(WorkerLoadRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // Not collectible: the worker lives exactly as long as this one load, and a lasting context lets the
            // runtime use the plugin's ReadyToRun code.
            _invoker = await PluginActivator.LoadAsync(request.Plugin, request.AssemblyPath, collectible: false, new RemoteServiceFactory(_calls), _loggers, TimeSpan.FromMilliseconds(request.HookTimeoutMs), marker: null, cancellationToken);
        }
        catch (PluginLoadException e)
        {
            _loggers.CreateLogger(WorkerLogCategories.Host).LogError(e.InnerException ?? e, "Plugin {Plugin} failed to load in its worker: {Reason}", request.Plugin, e.Message);
            await _calls.FlushAsync();
            return new WorkerLoadReply(e.Message, [], null);
        }

        StartupTrace.Mark("worker: plugin loaded");
        var folder = Path.GetDirectoryName(request.AssemblyPath)!;
        _plugin = new LoadedPlugin(new DiscoveredPlugin(request.Plugin, new PluginRoot(folder, PluginSource.Development), folder, null, null, null, null), _invoker);
        _chain = new PluginChain(() => [_plugin], () => _budget, static (_, _) => null, _loggers.CreateLogger(WorkerLogCategories.Host));
        await _calls.FlushAsync();
        return new WorkerLoadReply(null, [.. _invoker.Commands.Select(c => new WorkerCommandInfo(c.Name, c.Help))], _invoker.CommandsError);
    }

    [JsonRpcMethod(WorkerProtocol.Run)]
    public async Task<WorkerRunReply> RunAsync(WorkerRunRequest request, CancellationToken cancellationToken)
    {
        var chain = _chain ?? throw new InvalidOperationException("run before load");
        var state = new ChainState(new ChainRequest(request.Input, request.WorkingDirectory, request.Conversation, request.Files));
        state.Sections.AddRange(request.Sections);
        var before = state.Sections.Count;
        foreach (var (key, value) in WorkerValues.FromWire(request.Items))
        {
            state.Items[key] = value;
        }

        _budget = new ChainBudget(TimeSpan.FromMilliseconds(request.CanHandleDeadlineMs), TimeSpan.FromMilliseconds(request.ExecuteTimeoutMs));
        var result = await chain.RunAsync(state, cancellationToken);
        var run = result.Runs.Count > 0 ? result.Runs[0] : null;
        var added = result.Sections.Skip(before).Select(s => new WorkerSection(s.Title, s.Content)).ToList();
        await _calls.FlushAsync();
        return new WorkerRunReply(run?.Outcome ?? PluginRunOutcome.Skipped, run?.Error, result.Stopped, added, state.HasItems ? WorkerValues.ToWire(state.Items) : null);
    }

    [JsonRpcMethod(WorkerProtocol.Command)]
    public async Task<WorkerCommandReply> CommandAsync(WorkerCommandRequest request, CancellationToken cancellationToken)
    {
        var invoker = _invoker ?? throw new InvalidOperationException("command before load");
        try
        {
            var text = await invoker.RunCommandAsync(request.Command, request.Arguments, request.WorkingDirectory, TimeSpan.FromMilliseconds(request.TimeoutMs), cancellationToken);
            return new WorkerCommandReply(text, null, false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutException)
        {
            return new WorkerCommandReply(null, null, true);
        }
        catch (Exception e)
        {
            _loggers.CreateLogger(WorkerLogCategories.Host).LogError(e, "Command /{Command} of plugin {Plugin} failed", request.Command, _plugin?.Name);
            return new WorkerCommandReply(null, e is PluginCallException ? e.Message : e.GetType().Name, false);
        }
        finally
        {
            await _calls.FlushAsync();
        }
    }

    [JsonRpcMethod(WorkerProtocol.Unload)]
    public async Task<bool> UnloadAsync(WorkerUnloadRequest request)
    {
        if (_invoker is { } invoker)
        {
            _invoker = null;
            _chain = null;
            await invoker.UnloadAsync(TimeSpan.FromMilliseconds(request.HookTimeoutMs));
        }

        await _calls.FlushAsync();
        return true;
    }
}
