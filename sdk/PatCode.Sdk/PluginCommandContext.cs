using Microsoft.Extensions.Logging;

namespace PatCode.Sdk;

/// <summary>What a <see cref="PluginCommand"/> handler gets: its arguments and the plugin's services.</summary>
/// <param name="Arguments">The words after the command name, split on white space, with quoted words kept whole.</param>
/// <param name="WorkingDirectory">The folder PatCode was started in.</param>
/// <param name="Services">The host's services, scoped to the plugin.</param>
/// <param name="Logger">A logger whose category is the plugin's name.</param>
public sealed record PluginCommandContext(
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IPluginServices Services,
    ILogger Logger);
