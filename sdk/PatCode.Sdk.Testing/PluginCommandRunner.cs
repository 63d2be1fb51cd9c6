namespace PatCode.Sdk.Testing;

/// <summary>Runs a plugin's slash command as the host would, without the host.</summary>
public static class PluginCommandRunner
{
    /// <summary>Runs <c>/<paramref name="command"/></c> of <paramref name="plugin"/> with <paramref name="arguments"/>.</summary>
    /// <param name="plugin">The plugin that declares the command.</param>
    /// <param name="command">The command's name, with or without the slash.</param>
    /// <param name="arguments">The words after the command name.</param>
    /// <param name="workingDirectory">The folder PatCode was started in; defaults to the current directory.</param>
    /// <param name="services">The services the handler gets; new in-memory ones by default.</param>
    /// <param name="cancellationToken">Passed to the handler.</param>
    /// <returns>The text the command shows the user.</returns>
    /// <exception cref="ArgumentException">The plugin declares no such command.</exception>
    public static Task<string> RunAsync(
        Plugin plugin,
        string command,
        IReadOnlyList<string>? arguments = null,
        string? workingDirectory = null,
        TestPluginServices? services = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var name = command.TrimStart('/');
        var declared = plugin.Commands;
        var found = declared.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"{plugin.Metadata.Name} has no command /{name}; it declares {(declared.Count == 0 ? "none" : string.Join(", ", declared.Select(c => "/" + c.Name)))}.",
                nameof(command));
        services ??= new TestPluginServices();
        var context = new PluginCommandContext(arguments ?? [], workingDirectory ?? Environment.CurrentDirectory, services, services.Log);
        return found.Handler(context, cancellationToken);
    }
}
