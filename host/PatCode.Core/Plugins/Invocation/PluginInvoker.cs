namespace PatCode.Core.Plugins.Invocation;

/// <summary>
/// The one way PatCode calls a loaded plugin's code, whichever way it is isolated: its chain turn (CanHandle,
/// then ExecuteAsync), its slash commands and its unload hook. Each call is bounded by a deadline, and a
/// failure becomes a result or a <see cref="PluginCallException"/>, never a crash of the host.
/// </summary>
internal abstract class PluginInvoker
{
    /// <summary>The first CanHandle of freshly loaded code may take this long: the runtime compiles it on that call.</summary>
    public static readonly TimeSpan ColdStartAllowance = TimeSpan.FromSeconds(1);

    public abstract PluginIsolation Isolation { get; }

    /// <summary>The slash commands the plugin declared when it was loaded.</summary>
    public abstract IReadOnlyList<PluginCommandInfo> Commands { get; }

    /// <summary>Why the plugin's commands could not be read when it was loaded, if they could not.</summary>
    public virtual string? CommandsError => null;

    /// <summary>Whether the chain must watch this plugin's CanHandle (it runs the plugin's code inline on the chain's thread).</summary>
    public abstract bool RunsCanHandleInline { get; }

    /// <summary>Lets tests and the benchmark prove an in-process plugin's load context was collected; empty for a worker.</summary>
    public virtual WeakReference LoadContext { get; } = new(null);

    /// <summary>A few words for <c>/plugins info</c>, such as the worker's process id.</summary>
    public virtual string Describe() => Isolation.ToName();

    public abstract ValueTask<PluginCallResult> RunAsync(PluginTurn turn, CancellationToken cancellationToken);

    /// <summary>Runs slash command <paramref name="command"/>; returns the text to show, throws <see cref="TimeoutException"/> past <paramref name="timeout"/>.</summary>
    public abstract Task<string> RunCommandAsync(string command, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Runs the unload hook (within <paramref name="hookTimeout"/>) and lets go of the plugin for good, whatever the hook does.</summary>
    public abstract Task UnloadAsync(TimeSpan hookTimeout);

    /// <summary>The CanHandle deadline of one call: the first call of freshly started code gets <see cref="ColdStartAllowance"/>.</summary>
    protected static TimeSpan CanHandleBudget(TimeSpan deadline, bool firstCall) =>
        firstCall && deadline < ColdStartAllowance ? ColdStartAllowance : deadline;
}
