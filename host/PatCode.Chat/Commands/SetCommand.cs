using PatCode.Chat.Answers;
using PatCode.Core.Commands;

namespace PatCode.Chat.Commands;

/// <summary><c>/set verbose|quiet</c>: whether figures follow each answer; <c>/set render markdown|plain</c>: how answers are shown.</summary>
internal sealed class SetCommand(ChatSession session) : IHostCommand
{
    private const string UsageText = "usage: /set verbose, /set quiet, /set render markdown or /set render plain";

    public string Name => "set";

    public string Summary => "verbose: figures after each answer; quiet: answers only; render: Markdown or plain answers";

    public IReadOnlyList<string> Usage => ["set verbose", "set quiet", "set render markdown", "set render plain"];

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var words = invocation.Arguments.Select(a => a.ToLowerInvariant()).ToList();
        switch (words)
        {
            case ["verbose"]:
                session.Verbose = true;
                invocation.Output.WriteLine("Verbose: tokens, speed and time to first token follow each answer.");
                return Task.FromResult(ExitCodes.Success);
            case ["quiet"]:
                session.Verbose = false;
                invocation.Output.WriteLine("Quiet: answers only.");
                return Task.FromResult(ExitCodes.Success);
            case ["render", "markdown"]:
                session.Rendering = AnswerRendering.Markdown;
                invocation.Output.WriteLine("Answers are rendered as Markdown on a terminal (plain when piped or with NO_COLOR).");
                return Task.FromResult(ExitCodes.Success);
            case ["render", "plain"]:
                session.Rendering = AnswerRendering.Plain;
                invocation.Output.WriteLine("Answers are shown as the model sent them.");
                return Task.FromResult(ExitCodes.Success);
            default:
                invocation.Output.WriteError(UsageText);
                return Task.FromResult(ExitCodes.Usage);
        }
    }
}
