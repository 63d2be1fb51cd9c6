using PatCode.Core.Console;

namespace PatCode.Core.Commands;

/// <summary>
/// What an interactive loop needs of the host's commands: run one <c>/</c> line (host, feature and plugin
/// commands alike), and say whether a command asked to end the session. <see cref="CommandRouter"/> is the one.
/// </summary>
public interface ICommandDispatcher
{
    /// <summary>Whether a command (<c>/quit</c>) asked to end the session.</summary>
    bool QuitRequested { get; }

    /// <summary>
    /// Runs a line that starts with '/'. Unknown commands and a command's own failures are reported on
    /// <paramref name="output"/>. Returns the exit code (0 on success).
    /// </summary>
    Task<int> RunAsync(string line, IUserOutput output, bool inRepl, CancellationToken cancellationToken);
}
