namespace PatCode.Chat.Repl.Editing;

/// <summary>How a <see cref="LineEditor.ReadLine"/> ended.</summary>
internal enum EditorOutcome
{
    /// <summary>Enter: the text is the line.</summary>
    Submitted,

    /// <summary>Ctrl+D on an empty line, or the terminal closed.</summary>
    EndOfInput,

    /// <summary>Ctrl+C on an empty line.</summary>
    Interrupted,
}
