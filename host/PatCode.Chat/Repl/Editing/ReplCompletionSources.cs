using PatCode.Core.Commands;

namespace PatCode.Chat.Repl.Editing;

/// <summary>Where <see cref="ReplCompleter"/> finds its candidates; each is asked at the moment Tab is pressed.</summary>
internal sealed record ReplCompletionSources
{
    /// <summary>The host's and the chat's commands (their names, aliases and usage lines).</summary>
    public required Func<IEnumerable<IHostCommand>> Commands { get; init; }

    /// <summary>The names of the plugins' commands.</summary>
    public required Func<IEnumerable<string>> PluginCommands { get; init; }

    /// <summary>Every plugin's name, loaded or not.</summary>
    public required Func<IEnumerable<string>> PluginNames { get; init; }

    /// <summary>Ollama's local models; called once per session (again only after a failure).</summary>
    public required Func<CancellationToken, Task<IReadOnlyList<string>>> ModelNames { get; init; }

    /// <summary>The files loaded into the conversation (for <c>/unload</c>).</summary>
    public required Func<IEnumerable<string>> LoadedFiles { get; init; }

    public required string WorkingDirectory { get; init; }
}
