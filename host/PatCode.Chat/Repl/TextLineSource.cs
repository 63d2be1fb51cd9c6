using PatCode.Core.Console;

namespace PatCode.Chat.Repl;

/// <summary>Plain lines from a reader, as when standard input is a pipe or a file; every line is a line, nothing is edited.</summary>
internal sealed class TextLineSource(TextReader reader, IUserOutput output) : ILineSource
{
    public Task<string?> ReadLineAsync(string prompt, CancellationToken cancellationToken)
    {
        if (output.IsInteractive)
        {
            output.Write(prompt);
        }

        // Console.In reads synchronously and ignores cancellation, so the read runs on the pool and Ctrl+C at
        // the prompt stops waiting for it instead (the abandoned read ends with the process).
        return Task.Run(() => reader.ReadLineAsync(cancellationToken).AsTask(), CancellationToken.None).WaitAsync(cancellationToken);
    }

    public void Remember(string input)
    {
    }
}
