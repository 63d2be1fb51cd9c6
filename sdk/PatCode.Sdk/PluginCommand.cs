namespace PatCode.Sdk;

/// <summary>
/// A slash command a plugin provides, such as <c>/git status</c>. The host routes <c>/name …</c> to
/// <see cref="Handler"/>, lists <see cref="Help"/> under the plugin's name in <c>/help</c>, and isolates
/// failures the same way as chain calls.
/// </summary>
public sealed class PluginCommand
{
    /// <summary>Creates a command.</summary>
    /// <param name="name">The name without the slash: lower-case letters, digits and dashes.</param>
    /// <param name="help">One line of help, such as "status | log [n] | diff [path]: git information".</param>
    /// <param name="handler">Runs the command and returns the text to show the user.</param>
    public PluginCommand(string name, string help, Func<PluginCommandContext, CancellationToken, Task<string>> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        Name = name.TrimStart('/');
        Help = help ?? "";
        Handler = handler;
    }

    /// <summary>The command's name, without the slash.</summary>
    public string Name { get; }

    /// <summary>One line of help.</summary>
    public string Help { get; }

    /// <summary>Runs the command.</summary>
    public Func<PluginCommandContext, CancellationToken, Task<string>> Handler { get; }
}
