using PatCode.Core.Commands;

namespace PatCode.Chat.Commands;

/// <summary><c>/set verbose|quiet</c>: whether figures follow each answer.</summary>
internal sealed class SetCommand(ChatSession session) : IHostCommand
{
    public string Name => "set";

    public string Summary => "verbose: figures after each answer; quiet: answers only";

    public IReadOnlyList<string> Usage => ["set verbose", "set quiet"];

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        switch (invocation.Arguments.Count == 1 ? invocation.Arguments[0].ToLowerInvariant() : "")
        {
            case "verbose":
                session.Verbose = true;
                invocation.Output.WriteLine("Verbose: tokens, speed and time to first token follow each answer.");
                return Task.FromResult(ExitCodes.Success);
            case "quiet":
                session.Verbose = false;
                invocation.Output.WriteLine("Quiet: answers only.");
                return Task.FromResult(ExitCodes.Success);
            default:
                invocation.Output.WriteError("usage: /set verbose or /set quiet");
                return Task.FromResult(ExitCodes.Usage);
        }
    }
}
