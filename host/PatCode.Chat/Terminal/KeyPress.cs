namespace PatCode.Chat.Terminal;

/// <summary>One key (or one paste) decoded from the terminal's input.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">The character(s) for <see cref="KeyKind.Character"/> and <see cref="KeyKind.Paste"/>.</param>
/// <param name="Letter">The lower-case letter for <see cref="KeyKind.Control"/>.</param>
/// <param name="Alt">Alt (Meta) was held, or the key came after Esc.</param>
/// <param name="Ctrl">Ctrl was held with an arrow or editing key.</param>
internal readonly record struct KeyPress(KeyKind Kind, string Text = "", char Letter = '\0', bool Alt = false, bool Ctrl = false)
{
    public static KeyPress Char(string text, bool alt = false) => new(KeyKind.Character, text, Alt: alt);

    public static KeyPress Control(char letter, bool alt = false) => new(KeyKind.Control, Letter: letter, Alt: alt);

    public bool IsControl(char letter) => Kind == KeyKind.Control && Letter == letter && !Alt;

    public bool IsAlt(char letter) => Kind == KeyKind.Character && Alt && Text.Length == 1 && char.ToLowerInvariant(Text[0]) == letter;
}
