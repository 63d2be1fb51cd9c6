namespace PatCode.Chat.Repl;

/// <summary>Where the REPL's lines come from: the line editor on a terminal, or plain lines from a pipe or file.</summary>
internal interface ILineSource
{
    /// <summary>
    /// The next line (from the editor, possibly several lines pasted at once), or <see langword="null"/> at end
    /// of input. Throws <see cref="OperationCanceledException"/> when the user interrupts at the prompt (Ctrl+C).
    /// </summary>
    Task<string?> ReadLineAsync(string prompt, CancellationToken cancellationToken);

    /// <summary>A whole message or command was sent: keep it for the history (Up, Ctrl+R).</summary>
    void Remember(string input);
}
