namespace PatCode.Core.Console;

/// <summary>
/// What commands and the chat write to the user. Kept apart from the console so tests can capture it and
/// so piped output stays plain text (a rich table costs ~90 ms to start on our machines).
/// </summary>
public interface IUserOutput
{
    /// <summary>Whether output goes to a terminal, where colours and rich tables are worth their cost.</summary>
    bool IsInteractive { get; }

    void WriteLine(string text = "");

    /// <summary>Writes text without a line break, such as a streamed token.</summary>
    void Write(string text);

    /// <summary>One line on stderr saying what went wrong and how to fix it.</summary>
    void WriteError(string text);

    void WriteWarning(string text);

    /// <summary>Low-key information such as timings.</summary>
    void WriteDim(string text);

    void WriteTable(TextTable table);
}
