namespace PatCode.Core.Commands;

/// <summary>/quit, /exit and /bye (as in Ollama): the REPL checks <see cref="QuitRequested"/> after each command.</summary>
public sealed class QuitCommand : IHostCommand
{
    public string Name => "quit";

    public IReadOnlyList<string> Aliases => ["exit", "bye"];

    public string Summary => "leave PatCode (Ctrl+D works too)";

    public IReadOnlyList<string> Usage => ["quit", "exit", "bye"];

    public bool QuitRequested { get; private set; }

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        QuitRequested = true;
        return Task.FromResult(ExitCodes.Success);
    }
}
