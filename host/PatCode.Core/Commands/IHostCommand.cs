namespace PatCode.Core.Commands;

/// <summary>
/// A command of the host's, reachable as <c>/name args</c> in the REPL and, when
/// <see cref="AvailableOnCommandLine"/>, as <c>patcode name args</c>. Both forms run the same handler.
/// </summary>
public interface IHostCommand
{
    /// <summary>The name without the slash, such as <c>plugins</c>.</summary>
    string Name { get; }

    /// <summary>Other names for the command, such as <c>exit</c> for <c>quit</c>.</summary>
    IReadOnlyList<string> Aliases => [];

    /// <summary>One line saying what it does.</summary>
    string Summary { get; }

    /// <summary>Usage lines shown by <c>/help</c>, written without the slash, e.g. <c>plugins enable &lt;name&gt;</c>.</summary>
    IReadOnlyList<string> Usage { get; }

    /// <summary>Whether <c>patcode name …</c> works outside the REPL.</summary>
    bool AvailableOnCommandLine => false;

    /// <summary>Runs the command and returns the process exit code (0 on success).</summary>
    Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken);
}
