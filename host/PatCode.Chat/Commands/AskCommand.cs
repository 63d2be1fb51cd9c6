using PatCode.Core.Commands;
using PatCode.Core.Console;

namespace PatCode.Chat.Commands;

/// <summary>
/// <c>patcode ask "question"</c> or <c>echo question | patcode ask</c>: one question through the same
/// pipeline (plugins, prompt fitting, model), the answer alone on stdout, errors on stderr, and a non-zero
/// exit code on failure. With both, as in <c>git diff | patcode ask "review this"</c>, the piped text follows
/// the question in a fenced block. It neither reads nor writes the REPL's history.
/// </summary>
internal sealed class AskCommand(Func<IUserOutput, ChatSession> createSession, Func<TextReader> standardInput, Func<bool> inputRedirected) : IHostCommand
{
    public string Name => "ask";

    public string Summary => "ask one question and print only the answer (for scripts)";

    public IReadOnlyList<string> Usage => ["ask <question>", "ask   (question read from standard input)", "ask <question>   (piped text added after the question)"];

    public bool AvailableOnCommandLine => true;

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var output = invocation.Output;
        var question = string.Join(' ', invocation.Arguments);
        if (!invocation.InRepl && inputRedirected())
        {
            var piped = await standardInput().ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            question = question.Trim().Length == 0 ? piped
                : piped.Trim().Length == 0 ? question
                : $"{question}\n\n```\n{piped.TrimEnd()}\n```";
        }

        if (question.Trim().Length == 0)
        {
            output.WriteError("ask needs a question: patcode ask \"why is the sky blue?\" or echo \"why…\" | patcode ask");
            return ExitCodes.Usage;
        }

        var session = createSession(output);
        var result = await session.SendAsync(question, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            TurnStatus.Completed => ExitCodes.Success,
            TurnStatus.Cancelled => ExitCodes.Cancelled,
            TurnStatus.Refused => ExitCodes.Usage,
            _ => ExitCodes.Failure,
        };
    }
}
