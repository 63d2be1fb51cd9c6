namespace PatCode.Chat.Terminal;

/// <summary>What a <see cref="KeyPress"/> is.</summary>
internal enum KeyKind
{
    /// <summary>A printable character (<see cref="KeyPress.Text"/>), possibly with Alt.</summary>
    Character,

    /// <summary>A letter with Ctrl held (<see cref="KeyPress.Letter"/>), e.g. Ctrl+A.</summary>
    Control,
    Enter,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    Insert,
    Escape,

    /// <summary>Text the terminal marked as pasted (bracketed paste), line breaks as <c>\n</c>.</summary>
    Paste,

    /// <summary>A sequence the editor does not use (a function key); ignored.</summary>
    Other,
}
