using PatCode.Core.Commands;

namespace PatCode.Core.Plugins.Commands;

/// <summary>
/// The plugin verbs that talk to NuGet feeds: install by package id, update, outdated and search. They live in a
/// library of their own (PatCode.Packages) so NuGet's client loads only when one of them runs.
/// </summary>
public interface IPluginFeedCommands
{
    /// <summary>Runs <paramref name="verb"/> (install, update, outdated or search) with the words after it.</summary>
    Task<int> RunAsync(string verb, IReadOnlyList<string> arguments, CommandInvocation invocation, CancellationToken cancellationToken);
}
