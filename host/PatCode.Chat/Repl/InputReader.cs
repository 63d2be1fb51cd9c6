using System.Text;

namespace PatCode.Chat.Repl;

/// <summary>
/// Reads one message at a time. A line starting with <c>"""</c> opens a multi-line message that runs to the
/// line ending with <c>"""</c>, as in <c>ollama run</c>. A line that holds line breaks itself (a bracketed
/// paste in the editor) is one message as it is, and a <c>/</c> at its start is text, not a command.
/// </summary>
internal sealed class InputReader(ILineSource source)
{
    public const string Fence = "\"\"\"";
    public const string Prompt = ">>> ";
    public const string ContinuationPrompt = "... ";

    /// <summary>Whether the last message was a fenced block or a paste (so a leading slash is text, not a command).</summary>
    public bool LastWasFenced { get; private set; }

    /// <summary>The next message, or <see langword="null"/> at end of input (Ctrl+D).</summary>
    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        LastWasFenced = false;
        var line = await source.ReadLineAsync(Prompt, cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            return null;
        }

        if (line.Contains('\n', StringComparison.Ordinal))
        {
            LastWasFenced = true;
            return line;
        }

        var trimmed = line.TrimStart();
        if (!trimmed.StartsWith(Fence, StringComparison.Ordinal))
        {
            return line;
        }

        LastWasFenced = true;
        var first = trimmed[Fence.Length..];
        if (first.TrimEnd().EndsWith(Fence, StringComparison.Ordinal) && first.TrimEnd().Length >= Fence.Length)
        {
            var closed = first.TrimEnd();
            return closed[..^Fence.Length];
        }

        var text = new StringBuilder(first);
        var firstLine = true;
        while (true)
        {
            var next = await source.ReadLineAsync(ContinuationPrompt, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                // End of input inside a block: keep what was typed rather than lose it.
                return text.ToString();
            }

            if (!firstLine || text.Length > 0)
            {
                text.Append('\n');
            }

            firstLine = false;
            var end = next.TrimEnd();
            if (end.EndsWith(Fence, StringComparison.Ordinal))
            {
                text.Append(end[..^Fence.Length]);
                return text.ToString();
            }

            text.Append(next);
        }
    }
}
