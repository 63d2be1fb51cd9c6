using PatCode.Core.Plugins.Invocation;

namespace PatCode.Core.Plugins.Commands;

/// <summary>A plugin's slash command that the host accepted, with the plugin that owns it.</summary>
public sealed record PluginCommandRegistration(string Plugin, string Name, string Help)
{
    /// <summary>Calls into the plugin, in process or in its worker.</summary>
    internal PluginInvoker Invoker { get; init; } = null!;
}
