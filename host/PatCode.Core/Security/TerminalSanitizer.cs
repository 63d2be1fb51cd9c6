using System.Text;

namespace PatCode.Core.Security;

/// <summary>
/// Removes terminal control sequences from text that did not come from PatCode itself (plugin names and
/// descriptions, command output, model answers), so it cannot move the cursor, erase or redraw rows, set the
/// window title or write to the clipboard (OSC 52). Newlines and tabs stay. Whole escape sequences are dropped,
/// not just their ESC, even when a stream splits one across chunks: the state carries over between calls,
/// so use one instance per stream.
/// </summary>
public sealed class TerminalSanitizer
{
    // An unterminated OSC/DCS string would otherwise swallow the rest of an answer.
    private const int MaxControlStringLength = 8192;

    private State _state;
    private int _stringLength;

    private enum State
    {
        Text,
        Escape,
        EscapeIntermediate,
        ControlSequence,
        ControlString,
        ControlStringEscape,
    }

    /// <summary>Whether the stream is in the middle of an escape sequence (its end has not arrived yet).</summary>
    public bool InsideSequence => _state != State.Text;

    /// <summary>Sanitizes the next piece of a stream.</summary>
    public string Sanitize(ReadOnlySpan<char> chunk)
    {
        if (_state == State.Text && chunk.IndexOfAnyExcept(SafeChars.Plain) < 0)
        {
            return chunk.ToString();
        }

        var result = new StringBuilder(chunk.Length);
        foreach (var c in chunk)
        {
            Step(c, result);
        }

        return result.ToString();
    }

    /// <summary>Forgets a half-read sequence, for a new stream.</summary>
    public void Reset()
    {
        _state = State.Text;
        _stringLength = 0;
    }

    private void Step(char c, StringBuilder output)
    {
        switch (_state)
        {
            case State.Text:
                OnText(c, output);
                break;
            case State.Escape:
                _state = c switch
                {
                    '[' => State.ControlSequence,
                    ']' or 'P' or 'X' or '^' or '_' => StartString(),
                    >= ' ' and <= '/' => State.EscapeIntermediate,
                    _ => State.Text, // A two-character sequence such as ESC c (reset): dropped whole.
                };
                break;
            case State.EscapeIntermediate:
                if (c is < ' ' or > '/')
                {
                    _state = State.Text;
                }

                break;
            case State.ControlSequence:
                if (c is >= '@' and <= '~')
                {
                    _state = State.Text; // The final byte.
                }
                else if (c is < ' ' or > '?')
                {
                    // Not a valid sequence: stop swallowing and treat the character as text.
                    _state = State.Text;
                    OnText(c, output);
                }

                break;
            case State.ControlString:
                if (c is '\a' or '\u009c' || ++_stringLength > MaxControlStringLength)
                {
                    _state = State.Text;
                }
                else if (c == '\u001b')
                {
                    _state = State.ControlStringEscape;
                }

                break;
            case State.ControlStringEscape:
                _state = State.Text; // ESC \ ends the string; anything else after ESC ends it too.
                if (c != '\\')
                {
                    Step(c, output);
                }

                break;
        }
    }

    private void OnText(char c, StringBuilder output)
    {
        switch (c)
        {
            case '\n' or '\t':
                output.Append(c);
                break;
            case '\u001b':
                _state = State.Escape;
                break;
            case '\u009b':
                _state = State.ControlSequence;
                break;
            case '\u009d' or '\u0090' or '\u0098' or '\u009e' or '\u009f':
                _state = StartString();
                break;
            default:
                if (!SafeChars.IsDropped(c))
                {
                    output.Append(c);
                }

                break;
        }
    }

    private State StartString()
    {
        _stringLength = 0;
        return State.ControlString;
    }
}
