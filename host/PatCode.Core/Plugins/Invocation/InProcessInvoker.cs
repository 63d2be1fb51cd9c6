using System.Composition.Hosting;
using System.Runtime.Loader;
using Microsoft.Extensions.Logging;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Crashes;
using PatCode.Core.Plugins.Loading;
using PatCode.Sdk;

namespace PatCode.Core.Plugins.Invocation;

/// <summary>
/// A plugin loaded into this process, in its own collectible load context. Its CanHandle runs inline on the
/// chain's thread under the chain's <see cref="CanHandleWatch"/>; ExecuteAsync, commands and hooks run detached
/// on the thread pool and are abandoned past their deadline. Every call is marked in the process's
/// <see cref="InProcessCallMarker"/> while the plugin's code runs. <see cref="Release"/> drops every reference
/// the host has, so the load context can be collected.
/// </summary>
internal sealed class InProcessInvoker : PluginInvoker
{
    private readonly string _name;
    private readonly ILogger _hostLogger;
    private readonly bool _watchCanHandle;
    private AssemblyLoadContext? _context;
    private CompositionHost? _container;
    private IReadOnlyList<PluginCommand> _commands = [];
    private bool _warm;
    private string? _commandsError;

    public InProcessInvoker(string name, Plugin instance, IPluginServices services, ILogger logger, AssemblyLoadContext context, CompositionHost container, InProcessCallMarker.Slot marker, ILogger hostLogger)
    {
        _name = name;
        Instance = instance;
        Services = services;
        Logger = logger;
        Marker = marker;
        _hostLogger = hostLogger;
        _context = context;
        _container = container;
        _watchCanHandle = Overrides(instance, nameof(Plugin.CanHandle), typeof(PluginContext));
        LoadContext = new WeakReference(context);
    }

    public Plugin? Instance { get; private set; }

    public IPluginServices Services { get; private set; }

    public ILogger Logger { get; }

    public InProcessCallMarker.Slot Marker { get; }

    public override PluginIsolation Isolation => PluginIsolation.InProcess;

    public override IReadOnlyList<PluginCommandInfo> Commands => [.. _commands.Select(c => new PluginCommandInfo(c.Name, c.Help))];

    public override string? CommandsError => _commandsError;

    public override bool RunsCanHandleInline => _watchCanHandle;

    public override WeakReference LoadContext { get; }

    /// <summary>Whether <paramref name="instance"/> overrides <paramref name="method"/>; the base members do nothing worth a thread hop or a watch.</summary>
    public static bool Overrides(Plugin instance, string method, Type parameter) =>
        instance.GetType().GetMethod(method, [parameter])?.DeclaringType != typeof(Plugin);

    /// <summary>Reads the plugin's commands once, at load, with the plugin's code marked as running.</summary>
    public void ReadCommands()
    {
        Marker.Enter();
        try
        {
            _commands = [.. Instance!.Commands];
        }
        catch (Exception e)
        {
            _hostLogger.LogWarning(e, "Plugin {Plugin} threw while listing its commands", _name);
            _commandsError = $"its commands could not be read ({e.GetType().Name})";
        }
        finally
        {
            Marker.Exit();
        }
    }

    // No local or parameter of these async methods holds the plugin's instance, its task or its delegates: a
    // finished state machine can outlive the call (a pool thread keeps its last work item), and would keep the
    // plugin's load context alive. They reach the plugin through this invoker, which lets go on Release.
    public override async ValueTask<PluginCallResult> RunAsync(PluginTurn turn, CancellationToken cancellationToken)
    {
        if (Instance is null)
        {
            return PluginCallResult.NotHandled; // unloaded while this run was on its way
        }

        var context = new PluginTurnContext(turn.State, _name, Services, Logger);
        try
        {
            if (_watchCanHandle)
            {
                var deadline = CanHandleBudget(turn.CanHandleDeadline, firstCall: !_warm);
                _warm = true;
                if (!turn.Watch.Begin(turn.Leg, turn.Index, deadline, context, turn.Started))
                {
                    return PluginCallResult.GivenUp;
                }

                bool handles;
                Marker.Enter();
                try
                {
                    handles = Instance!.CanHandle(context);
                }
                catch (Exception e)
                {
                    return turn.Watch.End(turn.Leg) ? Threw("CanHandle", e) : PluginCallResult.GivenUp;
                }
                finally
                {
                    Marker.Exit();
                }

                if (!turn.Watch.End(turn.Leg))
                {
                    return PluginCallResult.GivenUp;
                }

                if (!handles)
                {
                    return PluginCallResult.NotHandled;
                }
            }

            return await ExecuteAsync(context, turn.ExecuteTimeout, cancellationToken);
        }
        finally
        {
            context.Close();
        }
    }

    public override async Task<string> RunCommandAsync(string command, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!_commands.Any(c => string.Equals(c.Name, command, StringComparison.OrdinalIgnoreCase)))
        {
            throw new PluginCallException($"it no longer provides /{command}");
        }

        var context = new PluginCommandContext(arguments, workingDirectory, Services, Logger);
        Marker.Enter();
        return await Marker.Track(DetachedCall.RunAsync(ct => Handler(command)(context, ct), cancellationToken)).WaitAsync(timeout, cancellationToken);
    }

    public override async Task UnloadAsync(TimeSpan hookTimeout)
    {
        try
        {
            if (Instance is not null && Overrides(Instance, nameof(Plugin.OnUnloadAsync), typeof(CancellationToken)))
            {
                await RunHookAsync("unload hook", static (plugin, ct) => plugin.OnUnloadAsync(ct), hookTimeout, CancellationToken.None);
            }
        }
        catch (PluginLoadException e)
        {
            // Unloading goes on regardless: a plugin cannot keep itself loaded by failing here.
            _hostLogger.LogWarning(e.InnerException ?? e, "Plugin {Plugin}: {Problem}", _name, e.Message);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Runs a load or unload hook detached and bounded; failures become a <see cref="PluginLoadException"/> saying what happened.</summary>
    public async Task RunHookAsync(string hook, Func<Plugin, CancellationToken, Task> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        Marker.Enter();
        try
        {
            await Marker.Track(DetachedCall.RunAsync(ct => call(Instance ?? throw new ObjectDisposedException(_name), ct), cts.Token)).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new PluginLoadException($"its {hook} did not finish within {timeout.TotalSeconds:0.#} s", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PluginLoadException($"its {hook} did not finish within {timeout.TotalSeconds:0.#} s", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var root = PluginActivator.Innermost(e);
            throw new PluginLoadException($"its {hook} threw {root.GetType().Name}: {PluginActivator.FirstLine(root)}", e);
        }
    }

    /// <summary>Lets go of the plugin: its services, its container and its load context.</summary>
    public void Release()
    {
        (Services as IDisposable)?.Dispose();
        Services = null!;
        Instance = null;
        _commands = [];
        _container?.Dispose();
        _container = null;
        PluginLoadContext.Unload(_context);
        _context = null;
        Marker.Release();
    }

    private async Task<PluginCallResult> ExecuteAsync(PluginTurnContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        PluginResult? result;
        Marker.Enter();
        try
        {
            // Detached: a plugin that blocks synchronously must not block the chain past its budget.
            result = await Marker.Track(DetachedCall.RunAsync(ct => (Instance ?? throw new ObjectDisposedException(_name)).ExecuteAsync(context, ct), budget.Token)).WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Abandoned: the plugin's task may still be running, but its context is closed and nobody waits for it.
            _hostLogger.LogWarning("Plugin {Plugin} timed out after {Timeout} s and was abandoned", _name, timeout.TotalSeconds);
            return new PluginCallResult(PluginRunOutcome.TimedOut, $"timed out after {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e)
        {
            return Threw("ExecuteAsync", e);
        }

        return Interpret(result, _name, _hostLogger);
    }

    /// <summary>Turns what ExecuteAsync returned into a call result, wherever it ran.</summary>
    internal static PluginCallResult Interpret(PluginResult? result, string plugin, ILogger logger)
    {
        if (result is null)
        {
            logger.LogWarning("Plugin {Plugin} returned no result", plugin);
            return new PluginCallResult(PluginRunOutcome.Failed, "returned no result");
        }

        if (!result.Success)
        {
            logger.LogInformation("Plugin {Plugin} reported failure: {Error}", plugin, result.Error);
            return new PluginCallResult(PluginRunOutcome.Failed, result.Error, Stop: !result.ShouldContinue);
        }

        return new PluginCallResult(PluginRunOutcome.Succeeded, Stop: !result.ShouldContinue);
    }

    private Func<PluginCommandContext, CancellationToken, Task<string>> Handler(string command) =>
        _commands.FirstOrDefault(c => string.Equals(c.Name, command, StringComparison.OrdinalIgnoreCase))?.Handler
            ?? throw new PluginCallException($"it no longer provides /{command}");

    private PluginCallResult Threw(string call, Exception e)
    {
        // The exception goes to the log only: its text never reaches the prompt or the chat.
        _hostLogger.LogWarning(e, "Plugin {Plugin} threw in {Call}", _name, call);
        return new PluginCallResult(PluginRunOutcome.Failed, $"{call} threw {e.GetType().Name}");
    }
}
