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
internal sealed class WorkerService(string pluginName, string assemblyPath, Task<InProcessInvoker> composing, RemoteCalls calls, RemoteLoggerFactory loggers)
{
    private InProcessInvoker? _invoker;
    private LoadedPlugin? _plugin;
    private PluginChain? _chain;
    private ChainBudget _budget;
    private bool _greeted;

    [JsonRpcMethod(WorkerProtocol.Initialize)]
    public WorkerHelloReply Initialize(WorkerHello hello)
    {
        StartupTrace.Mark("worker: handshake");
        _greeted = true;
        return new WorkerHelloReply(WorkerProtocol.Version, SdkInfo.Version.ToString(3), Environment.ProcessId);
    }

    /// <summary>Finishes loading the plugin composed at start (named on the command line): its commands and load hook.</summary>
    [JsonRpcMethod(WorkerProtocol.Load)]
    public async Task<WorkerLoadReply> LoadAsync(WorkerHookRequest request, CancellationToken cancellationToken)
    {
        if (!_greeted || _plugin is not null)
        {
            throw new InvalidOperationException(_greeted ? "the plugin is loaded already" : "load before the handshake");
        }

        try
        {
            _invoker = await composing;
            await PluginActivator.StartAsync(_invoker, TimeSpan.FromMilliseconds(request.HookTimeoutMs), cancellationToken);
        }
        catch (PluginLoadException e)
        {
            _invoker = null;
            loggers.CreateLogger(WorkerLogCategories.Host).LogError(e.InnerException ?? e, "Plugin {Plugin} failed to load in its worker: {Reason}", pluginName, e.Message);
            await calls.FlushAsync();
            return new WorkerLoadReply(e.Message, [], null);
        }

        StartupTrace.Mark("worker: plugin loaded");
        var folder = Path.GetDirectoryName(assemblyPath)!;
        _plugin = new LoadedPlugin(new DiscoveredPlugin(pluginName, new PluginRoot(folder, PluginSource.Development), folder, null, null, null, null), _invoker);
        _chain = new PluginChain(() => [_plugin], () => _budget, static (_, _) => null, loggers.CreateLogger(WorkerLogCategories.Host));
        await calls.FlushAsync();
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
        await calls.FlushAsync();
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
            loggers.CreateLogger(WorkerLogCategories.Host).LogError(e, "Command /{Command} of plugin {Plugin} failed", request.Command, _plugin?.Name);
            return new WorkerCommandReply(null, e is PluginCallException ? e.Message : e.GetType().Name, false);
        }
        finally
        {
            await calls.FlushAsync();
        }
    }

    [JsonRpcMethod(WorkerProtocol.Unload)]
    public async Task<bool> UnloadAsync(WorkerHookRequest request)
    {
        if (_invoker is { } invoker)
        {
            _invoker = null;
            _chain = null;
            await invoker.UnloadAsync(TimeSpan.FromMilliseconds(request.HookTimeoutMs));
        }

        await calls.FlushAsync();
        return true;
    }
}
