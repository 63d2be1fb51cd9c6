using PatCode.Core.Commands;
using PatCode.Core.Console;

namespace PatCode.Cli.Repl;

/// <summary>
/// The interactive loop: slash commands go to the router, everything else to the chat. Reads from any
/// TextReader, so tests drive it through redirected stdin.
/// </summary>
internal sealed class ReplLoop(CommandRouter router, QuitCommand quit, IUserOutput output, Func<string, CancellationToken, Task>? chat)
{
    public async Task<int> RunAsync(TextReader input, CancellationToken cancellationToken)
    {
        while (!quit.QuitRequested && !cancellationToken.IsCancellationRequested)
        {
            if (output.IsInteractive)
            {
                output.Write("> ");
            }

            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                break; // Ctrl+D or end of piped input.
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.TrimStart().StartsWith('/'))
            {
                await router.RunAsync(line, output, inRepl: true, cancellationToken);
            }
            else if (chat is not null)
            {
                await chat(line, cancellationToken);
            }
            else
            {
                output.WriteError("Chat is not available in this build; type /help for the commands.");
            }
        }

        return ExitCodes.Success;
    }
}
