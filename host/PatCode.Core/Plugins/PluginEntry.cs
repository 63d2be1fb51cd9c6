using PatCode.Sdk;

namespace PatCode.Core.Plugins;

/// <summary>One row of <c>/plugins list</c>: a plugin, where it came from, and its status with the reason.</summary>
public sealed record PluginEntry(
    string Name,
    PluginMetadata? Metadata,
    PluginSource Source,
    string Folder,
    PluginStatus Status,
    string Reason)
{
    public string Version => Metadata?.Version ?? "-";

    public PluginPriority? Priority => Metadata?.Priority;

    /// <summary>Where the plugin runs when active: the user's choice, else the default for its folder.</summary>
    public PluginIsolation Isolation { get; init; } = PluginIsolation.InProcess;
}
