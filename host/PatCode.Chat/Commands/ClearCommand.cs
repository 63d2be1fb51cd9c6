using PatCode.Core.Commands;

namespace PatCode.Chat.Commands;

/// <summary><c>/clear</c>: forgets the conversation (memory and disk); loaded files stay.</summary>
internal sealed class ClearCommand(ChatSession session) : IHostCommand
{
    public string Name => "clear";

    public string Summary => "clear the conversation history (loaded files stay)";

    public IReadOnlyList<string> Usage => ["clear"];

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var count = session.History.Count;
        session.ClearHistory();
        invocation.Output.WriteLine($"History cleared ({count} message(s)). Loaded files stay; /unload drops them.");
        return Task.FromResult(ExitCodes.Success);
    }
}
