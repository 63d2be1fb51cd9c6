using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace PatCode.Sdk;

/// <summary>What a <see cref="PluginCommand"/> handler gets: its arguments and the plugin's services.</summary>
/// <remarks>Not a positional record, so members can be added without breaking plugins built against 1.0.</remarks>
public sealed record PluginCommandContext
{
    /// <summary>Creates a command context.</summary>
    /// <param name="Arguments">The words after the command name, split on white space, with quoted words kept whole.</param>
    /// <param name="WorkingDirectory">The folder PatCode was started in.</param>
    /// <param name="Services">The host's services, scoped to the plugin.</param>
    /// <param name="Logger">A logger whose category is the plugin's name.</param>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Parameter names are part of the 1.0 contract (named arguments).")]
    public PluginCommandContext(IReadOnlyList<string> Arguments, string WorkingDirectory, IPluginServices Services, ILogger Logger)
    {
        this.Arguments = Arguments;
        this.WorkingDirectory = WorkingDirectory;
        this.Services = Services;
        this.Logger = Logger;
    }

    /// <summary>The words after the command name, split on white space, with quoted words kept whole.</summary>
    public IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The folder PatCode was started in.</summary>
    public string WorkingDirectory { get; init; }

    /// <summary>The host's services, scoped to the plugin.</summary>
    public IPluginServices Services { get; init; }

    /// <summary>A logger whose category is the plugin's name.</summary>
    public ILogger Logger { get; init; }

    /// <summary>Deconstructs the context into its 1.0 members.</summary>
    /// <param name="Arguments">The words after the command name.</param>
    /// <param name="WorkingDirectory">The folder PatCode was started in.</param>
    /// <param name="Services">The host's services, scoped to the plugin.</param>
    /// <param name="Logger">A logger whose category is the plugin's name.</param>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Parameter names are part of the 1.0 contract.")]
    public void Deconstruct(out IReadOnlyList<string> Arguments, out string WorkingDirectory, out IPluginServices Services, out ILogger Logger)
    {
        Arguments = this.Arguments;
        WorkingDirectory = this.WorkingDirectory;
        Services = this.Services;
        Logger = this.Logger;
    }
}
