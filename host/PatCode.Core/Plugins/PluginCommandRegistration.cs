using PatCode.Sdk;

namespace PatCode.Core.Plugins;

/// <summary>A plugin's slash command that the host accepted, with the plugin that owns it.</summary>
public sealed record PluginCommandRegistration(string Plugin, PluginCommand Command, IPluginServices Services, Microsoft.Extensions.Logging.ILogger Logger);
