namespace PatCode.Core.Plugins.Invocation;

/// <summary>A slash command a plugin declared: its name without the slash, and one line of help.</summary>
internal sealed record PluginCommandInfo(string Name, string Help);
