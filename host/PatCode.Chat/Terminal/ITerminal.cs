namespace PatCode.Chat.Terminal;

/// <summary>What the line editor needs from a terminal: raw key input, output, and its size.</summary>
internal interface ITerminal
{
    int Width { get; }

    int Height { get; }

    /// <summary>Key-at-a-time input without echo, and the terminal marking pastes; until <see cref="LeaveEditMode"/>.</summary>
    void EnterEditMode();

    /// <summary>Back to the terminal's normal mode (line input, echo, Ctrl+C as a signal, no paste marks).</summary>
    void LeaveEditMode();

    /// <summary>
    /// Reads what the terminal has sent into <paramref name="buffer"/>, waiting at most <paramref name="timeout"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/> for no limit). Returns the byte count, 0 when nothing came in
    /// time, or -1 at end of input. Throws <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken);

    void Write(string text);
}
