using System.Text;

namespace PatCode.Chat.Terminal;

/// <summary>
/// Turns the bytes a terminal sends into keys: UTF-8 characters, control keys, Alt (Esc-prefixed) keys, the
/// CSI and SS3 sequences of arrows and editing keys (with their Ctrl/Alt modifiers, in both cursor-key modes),
/// and bracketed pastes (<c>ESC [200~</c> … <c>ESC [201~</c>) as one <see cref="KeyKind.Paste"/>. Input can
/// arrive in any pieces: an incomplete sequence waits for the rest. A lone Esc is only known to be the Esc key
/// when nothing follows soon, so the caller says so with <c>inputIdle</c>.
/// </summary>
internal sealed class KeyDecoder
{
    private static readonly byte[] PasteEnd = "\u001b[201~"u8.ToArray();

    private readonly List<byte> _pending = [];
    private int _start;
    private List<byte>? _paste;

    /// <summary>Whether bytes are waiting that do not make a whole key yet.</summary>
    public bool HasPartial => _start < _pending.Count || _paste is not null;

    /// <summary>Whether a paste has started and its end marker has not arrived.</summary>
    public bool InPaste => _paste is not null;

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        if (_start > 0)
        {
            _pending.RemoveRange(0, _start);
            _start = 0;
        }

        foreach (var b in bytes)
        {
            _pending.Add(b);
        }
    }

    /// <summary>The next whole key, if there is one.</summary>
    /// <param name="key">The key.</param>
    /// <param name="inputIdle">No more input is coming right now: a lone Esc is the Esc key.</param>
    public bool TryRead(out KeyPress key, bool inputIdle = false)
    {
        key = default;
        if (_paste is not null)
        {
            return TryFinishPaste(out key);
        }

        var available = _pending.Count - _start;
        if (available == 0)
        {
            return false;
        }

        var first = _pending[_start];
        if (first == 0x1b)
        {
            return TryEscape(out key, inputIdle);
        }

        if (first < 0x80)
        {
            _start++;
            key = Single(first, alt: false);
            return true;
        }

        return TryUtf8(_start, out key, out var length) && Consume(length);
    }

    private bool Consume(int length)
    {
        _start += length;
        return true;
    }

    private static KeyPress Single(byte b, bool alt) => b switch
    {
        (byte)'\r' or (byte)'\n' => new KeyPress(KeyKind.Enter, Alt: alt),
        (byte)'\t' => new KeyPress(KeyKind.Tab, Alt: alt),
        0x7f or 0x08 => new KeyPress(KeyKind.Backspace, Alt: alt),
        >= 1 and <= 26 => KeyPress.Control((char)('a' + b - 1), alt),

        // Ctrl+Space, and what Linux hands over for a Ctrl+D typed ahead in line mode (it stores that EOF as NUL).
        0 => KeyPress.Control('@', alt),
        < 0x20 => new KeyPress(KeyKind.Other),
        _ => KeyPress.Char(((char)b).ToString(), alt),
    };

    private bool TryUtf8(int at, out KeyPress key, out int length)
    {
        key = default;
        var first = _pending[at];
        length = first switch
        {
            >= 0xf0 and < 0xf8 => 4,
            >= 0xe0 => 3,
            >= 0xc0 => 2,
            _ => 1,
        };
        if (_pending.Count - at < length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = _pending[at + i];
        }

        var text = Encoding.UTF8.GetString(bytes[..length]);
        key = KeyPress.Char(text == "\uFFFD" ? "?" : text);
        return true;
    }

    private bool TryEscape(out KeyPress key, bool inputIdle)
    {
        key = default;
        var available = _pending.Count - _start;
        if (available == 1)
        {
            if (!inputIdle)
            {
                return false;
            }

            key = new KeyPress(KeyKind.Escape);
            return Consume(1);
        }

        var second = _pending[_start + 1];
        if (second is (byte)'[' or (byte)'O')
        {
            return TryControlSequence(second == 'O', out key, inputIdle);
        }

        if (second == 0x1b)
        {
            // Esc Esc: the first is a key of its own (some terminals prefix Alt this way; that is rare enough).
            key = new KeyPress(KeyKind.Escape);
            return Consume(1);
        }

        if (second >= 0x80)
        {
            if (!TryUtf8(_start + 1, out var character, out var length))
            {
                return false;
            }

            key = character with { Alt = true };
            return Consume(1 + length);
        }

        key = Single(second, alt: true);
        return Consume(2);
    }

    private bool TryControlSequence(bool ss3, out KeyPress key, bool inputIdle)
    {
        key = default;
        var at = _start + 2;
        while (at < _pending.Count && _pending[at] is >= 0x20 and <= 0x3f)
        {
            at++;
        }

        if (at >= _pending.Count)
        {
            if (inputIdle && at == _start + 2)
            {
                // "Esc [" and then nothing: Alt+[.
                key = KeyPress.Char(ss3 ? "O" : "[", alt: true);
                return Consume(2);
            }

            return false;
        }

        var final = (char)_pending[at];
        var parameters = Encoding.ASCII.GetString(_pending.GetRange(_start + 2, at - _start - 2).ToArray());
        Consume(at + 1 - _start);
        if (!ss3 && final == '~' && parameters == "200")
        {
            _paste = [];
            return TryFinishPaste(out key);
        }

        key = Sequence(final, parameters);
        return true;
    }

    private static KeyPress Sequence(char final, string parameters)
    {
        var parts = parameters.Split(';');
        var modifier = parts.Length > 1 && int.TryParse(parts[1], out var m) ? m - 1 : 0;
        var alt = (modifier & 2) != 0;
        var ctrl = (modifier & 4) != 0;
        var kind = final switch
        {
            'A' => KeyKind.Up,
            'B' => KeyKind.Down,
            'C' => KeyKind.Right,
            'D' => KeyKind.Left,
            'H' => KeyKind.Home,
            'F' => KeyKind.End,
            'Z' => KeyKind.BackTab,
            'M' => KeyKind.Enter,
            '~' => parts[0] switch
            {
                "1" or "7" => KeyKind.Home,
                "4" or "8" => KeyKind.End,
                "2" => KeyKind.Insert,
                "3" => KeyKind.Delete,
                "5" => KeyKind.PageUp,
                "6" => KeyKind.PageDown,
                _ => KeyKind.Other,
            },
            _ => KeyKind.Other,
        };
        return new KeyPress(kind, Alt: alt, Ctrl: ctrl);
    }

    private bool TryFinishPaste(out KeyPress key)
    {
        key = default;
        var paste = _paste!;
        while (_start < _pending.Count)
        {
            paste.Add(_pending[_start++]);
            if (EndsWith(paste, PasteEnd))
            {
                var text = Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(paste)[..^PasteEnd.Length]);
                _paste = null;
                key = new KeyPress(KeyKind.Paste, text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
                return true;
            }
        }

        return false;
    }

    private static bool EndsWith(List<byte> bytes, byte[] suffix) =>
        bytes.Count >= suffix.Length && System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)[^suffix.Length..].SequenceEqual(suffix);
}
