using System.Text;

namespace PatCode.Chat.Repl.Editing;

/// <summary>The text being edited and the cursor in it, with the readline editing operations.</summary>
internal sealed class EditBuffer
{
    private readonly StringBuilder _text = new();

    public int Cursor { get; private set; }

    public int Length => _text.Length;

    /// <summary>What the last kill (Ctrl+K, Ctrl+U, Ctrl+W, Alt+D) removed, for Ctrl+Y.</summary>
    public string Killed { get; private set; } = "";

    public override string ToString() => _text.ToString();

    public string BeforeCursor() => _text.ToString(0, Cursor);

    public void Set(string text, int? cursor = null)
    {
        _text.Clear().Append(text);
        Cursor = Math.Clamp(cursor ?? text.Length, 0, text.Length);
    }

    public void Insert(string text)
    {
        _text.Insert(Cursor, text);
        Cursor += text.Length;
    }

    /// <summary>Replaces <c>[start, Cursor)</c> with <paramref name="text"/> (a completion).</summary>
    public void ReplaceBeforeCursor(int start, string text)
    {
        _text.Remove(start, Cursor - start).Insert(start, text);
        Cursor = start + text.Length;
    }

    public bool Backspace()
    {
        if (Cursor == 0)
        {
            return false;
        }

        var length = CharLengthBefore(Cursor);
        _text.Remove(Cursor - length, length);
        Cursor -= length;
        return true;
    }

    public bool Delete()
    {
        if (Cursor >= _text.Length)
        {
            return false;
        }

        _text.Remove(Cursor, CharLengthAt(Cursor));
        return true;
    }

    public bool Left()
    {
        if (Cursor == 0)
        {
            return false;
        }

        Cursor -= CharLengthBefore(Cursor);
        return true;
    }

    public bool Right()
    {
        if (Cursor >= _text.Length)
        {
            return false;
        }

        Cursor += CharLengthAt(Cursor);
        return true;
    }

    public void Home() => Cursor = LineStart(Cursor);

    public void End() => Cursor = LineEnd(Cursor);

    /// <summary>Alt+B, Ctrl+Left: to the start of this or the previous word.</summary>
    public void WordLeft() => Cursor = PreviousWordStart(Cursor);

    /// <summary>Alt+F, Ctrl+Right: to the end of this or the next word.</summary>
    public void WordRight() => Cursor = NextWordEnd(Cursor);

    /// <summary>Ctrl+K: from the cursor to the end of the line.</summary>
    public void KillToEnd() => Kill(Cursor, LineEnd(Cursor));

    /// <summary>Ctrl+U: from the start of the line to the cursor.</summary>
    public void KillToStart() => Kill(LineStart(Cursor), Cursor);

    /// <summary>Ctrl+W: the whitespace-delimited word before the cursor.</summary>
    public void KillWordBefore()
    {
        var start = Cursor;
        while (start > 0 && char.IsWhiteSpace(_text[start - 1]))
        {
            start--;
        }

        while (start > 0 && !char.IsWhiteSpace(_text[start - 1]))
        {
            start--;
        }

        Kill(start, Cursor);
    }

    /// <summary>Alt+Backspace: the word (letters and digits) before the cursor.</summary>
    public void KillAlphanumericWordBefore() => Kill(PreviousWordStart(Cursor), Cursor);

    /// <summary>Alt+D: the word after the cursor.</summary>
    public void KillWordAfter() => Kill(Cursor, NextWordEnd(Cursor));

    /// <summary>Ctrl+Y: inserts what was killed last.</summary>
    public void Yank() => Insert(Killed);

    /// <summary>Ctrl+T: swaps the characters around the cursor.</summary>
    public void Transpose()
    {
        if (_text.Length < 2 || Cursor == 0)
        {
            return;
        }

        var at = Cursor == _text.Length ? Cursor - 1 : Cursor;
        (_text[at - 1], _text[at]) = (_text[at], _text[at - 1]);
        Cursor = Math.Min(at + 1, _text.Length);
    }

    private void Kill(int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        Killed = _text.ToString(start, end - start);
        _text.Remove(start, end - start);
        Cursor = start;
    }

    private int LineStart(int at)
    {
        while (at > 0 && _text[at - 1] != '\n')
        {
            at--;
        }

        return at;
    }

    private int LineEnd(int at)
    {
        while (at < _text.Length && _text[at] != '\n')
        {
            at++;
        }

        return at;
    }

    private int PreviousWordStart(int at)
    {
        while (at > 0 && !char.IsLetterOrDigit(_text[at - 1]))
        {
            at--;
        }

        while (at > 0 && char.IsLetterOrDigit(_text[at - 1]))
        {
            at--;
        }

        return at;
    }

    private int NextWordEnd(int at)
    {
        while (at < _text.Length && !char.IsLetterOrDigit(_text[at]))
        {
            at++;
        }

        while (at < _text.Length && char.IsLetterOrDigit(_text[at]))
        {
            at++;
        }

        return at;
    }

    private int CharLengthBefore(int at) => at >= 2 && char.IsLowSurrogate(_text[at - 1]) && char.IsHighSurrogate(_text[at - 2]) ? 2 : 1;

    private int CharLengthAt(int at) => at + 1 < _text.Length && char.IsHighSurrogate(_text[at]) && char.IsLowSurrogate(_text[at + 1]) ? 2 : 1;
}
