using System.Text;

namespace PatCode.Chat.Repl;

/// <summary>
/// Reads one message at a time. A line starting with <c>"""</c> opens a multi-line message that runs to the
/// line ending with <c>"""</c>, as in <c>ollama run</c>; pasted blocks inside keep their line breaks.
/// </summary>
internal sealed class InputReader
{
    public const string Fence = "\"\"\"";

    private readonly TextReader _reader;
    private readonly Func<bool> _inputPending;

    /// <param name="reader">Where lines come from.</param>
    /// <param name="inputPending">
    /// Whether more input is already waiting right after a line was read. On a terminal that means the
    /// lines were pasted, not typed, so they are joined into one message instead of sent one by one.
    /// </param>
    public InputReader(TextReader reader, Func<bool>? inputPending = null)
    {
        _reader = reader;
        _inputPending = inputPending ?? (static () => false);
    }

    /// <summary>Whether the last message was a fenced block (so a leading slash is text, not a command).</summary>
    public bool LastWasFenced { get; private set; }

    /// <summary>The next message, or <see langword="null"/> at end of input (Ctrl+D).</summary>
    public async Task<string?> ReadAsync(Action<string>? continuationPrompt, CancellationToken cancellationToken)
    {
        LastWasFenced = false;
        var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            return null;
        }

        var trimmed = line.TrimStart();
        if (!trimmed.StartsWith(Fence, StringComparison.Ordinal))
        {
            return await JoinPastedAsync(line, cancellationToken).ConfigureAwait(false);
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
            continuationPrompt?.Invoke("... ");
            var next = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
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

    private async Task<string> JoinPastedAsync(string first, CancellationToken cancellationToken)
    {
        if (!_inputPending())
        {
            return first;
        }

        // A paste: the whole block is one message, and a "/" at its start is text, not a command.
        LastWasFenced = true;
        var text = new StringBuilder(first);
        do
        {
            var next = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                break;
            }

            text.Append('\n').Append(next);
        }
        while (_inputPending());

        return text.ToString();
    }
}
