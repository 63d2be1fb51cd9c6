using PatCode.Core.Plugins.Loading.Workers;

namespace PatCode.Core.Plugins;

/// <summary>How the plugin host is set up: where plugins live, where they run and how long they may take.</summary>
public sealed record PluginHostOptions(IReadOnlyList<PluginRoot> Roots, string StateFile)
{
    /// <summary>Budget for one ExecuteAsync call; past it the call is cancelled, then abandoned (in process) or its worker killed.</summary>
    public TimeSpan ExecuteTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Budget for one CanHandle call; past it the plugin is skipped for that message and the call counts as a failure.</summary>
    public TimeSpan CanHandleDeadline { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Budget for a plugin's load or unload hook.</summary>
    public TimeSpan HookTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether plugins run at all (<c>plugins.enabled</c>): false keeps every plugin off.</summary>
    public bool PluginsEnabled { get; init; } = true;

    /// <summary>Where plugins from the user's folder and configured folders run unless the user chose otherwise for one.</summary>
    public PluginIsolation DefaultIsolation { get; init; } = PluginIsolation.Process;

    /// <summary>What a worker may use and how it is started.</summary>
    public WorkerOptions Workers { get; init; } = new();

    /// <summary>
    /// Where this process keeps its run-time files: the marker of the in-process plugin call under way and the
    /// verified copies plugins are loaded from. Defaults to <c>run/</c> beside the state file.
    /// </summary>
    public string? RunDirectory { get; init; }

    /// <summary>Whether a name belongs to one of the host's own slash commands, which plugin commands may not take.</summary>
    public Func<string, bool> IsReservedCommandName { get; init; } = static _ => false;

    internal string RunFolder => RunDirectory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(StateFile))!, "run");
}
