namespace PatCode.Core.Commands;

/// <summary>/quit and /exit: the REPL checks <see cref="QuitRequested"/> after each command.</summary>
public sealed class QuitCommand : IHostCommand
{
    public string Name => "quit";

    public IReadOnlyList<string> Aliases => ["exit"];

    public string Summary => "leave PatCode (Ctrl+D works too)";

    public IReadOnlyList<string> Usage => ["quit", "exit"];

    public bool QuitRequested { get; private set; }

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        QuitRequested = true;
        return Task.FromResult(ExitCodes.Success);
    }
}
