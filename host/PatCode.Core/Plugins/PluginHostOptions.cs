namespace PatCode.Core.Plugins;

/// <summary>How the plugin host is set up: where plugins live and how long they may take.</summary>
public sealed record PluginHostOptions(IReadOnlyList<PluginRoot> Roots, string StateFile)
{
    /// <summary>Budget for one ExecuteAsync call; past it the call is cancelled, then abandoned.</summary>
    public TimeSpan ExecuteTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Budget for a plugin's load or unload hook.</summary>
    public TimeSpan HookTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The prototype's PLUGINS_ENABLED switch: false keeps every plugin off.</summary>
    public bool PluginsEnabled { get; init; } = true;

    /// <summary>Whether a name belongs to one of the host's own slash commands, which plugin commands may not take.</summary>
    public Func<string, bool> IsReservedCommandName { get; init; } = static _ => false;
}
