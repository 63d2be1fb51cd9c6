using System.Text;

namespace PatCode.Testing.Cli;

/// <summary>
/// What a terminal would show after receiving some output: applies text, CR, LF, wrapping and the cursor
/// movement and erase sequences PatCode uses (CUU/CUD/CUF/CUB, ED, EL, CUP home), ignoring colours and modes.
/// Tests read the final screen with it, since rendered output rewrites lines it first showed raw.
/// </summary>
public sealed class TerminalScreen
{
    private readonly List<StringBuilder> _rows = [new()];
    private readonly int _width;
    private int _row;
    private int _column;
    private bool _pendingWrap;

    public TerminalScreen(int width) => _width = width;

    /// <summary>The screen's text, one line per row, trailing spaces removed.</summary>
    public IReadOnlyList<string> Lines => _rows.Select(r => r.ToString().TrimEnd()).ToList();

    public string Text => string.Join('\n', Lines).TrimEnd('\n');

    public static TerminalScreen Of(string output, int width)
    {
        var screen = new TerminalScreen(width);
        screen.Apply(output);
        return screen;
    }

    /// <summary>Applies output. A bare "\n" also returns the carriage (as the terminal's ONLCR does).</summary>
    public void Apply(string output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            var c = output[i];
            switch (c)
            {
                case '\r':
                    _column = 0;
                    _pendingWrap = false;
                    break;
                case '\n':
                    MoveTo(_row + 1, 0);
                    break;
                case '\u001b':
                    i = Escape(output, i);
                    break;
                case '\a' or '\b':
                    break;
                default:
                    Put(c);
                    break;
            }
        }
    }

    private void Put(char c)
    {
        if (_pendingWrap)
        {
            MoveTo(_row + 1, 0);
        }

        var row = _rows[_row];
        while (row.Length < _column)
        {
            row.Append(' ');
        }

        if (_column < row.Length)
        {
            row[_column] = c;
        }
        else
        {
            row.Append(c);
        }

        if (_column == _width - 1)
        {
            _pendingWrap = true;
        }
        else
        {
            _column++;
        }
    }

    private void MoveTo(int row, int column)
    {
        _row = Math.Max(0, row);
        while (_rows.Count <= _row)
        {
            _rows.Add(new StringBuilder());
        }

        _column = Math.Clamp(column, 0, _width - 1);
        _pendingWrap = false;
    }

    private int Escape(string output, int at)
    {
        if (at + 1 >= output.Length)
        {
            return at;
        }

        if (output[at + 1] != '[')
        {
            return at + 1; // ESC = , ESC > and the like
        }

        var end = at + 2;
        while (end < output.Length && output[end] is >= '0' and <= '?' or ';')
        {
            end++;
        }

        if (end >= output.Length)
        {
            return end;
        }

        var parameters = output[(at + 2)..end];
        var n = int.TryParse(parameters, out var value) ? value : 1;
        switch (output[end])
        {
            case 'A':
                MoveTo(_row - n, _column);
                break;
            case 'B':
                MoveTo(_row + n, _column);
                break;
            case 'C':
                MoveTo(_row, _column + n);
                break;
            case 'D':
                MoveTo(_row, _column - n);
                break;
            case 'H':
                MoveTo(0, 0);
                break;
            case 'J':
                if (parameters == "2")
                {
                    _rows.ForEach(r => r.Clear());
                }
                else
                {
                    Truncate(_rows[_row], _column);
                    _rows.RemoveRange(_row + 1, _rows.Count - _row - 1);
                }

                break;
            case 'K':
                if (parameters == "2")
                {
                    _rows[_row].Clear();
                }
                else
                {
                    Truncate(_rows[_row], _column);
                }

                break;
        }

        return end;
    }

    private static void Truncate(StringBuilder row, int column)
    {
        if (row.Length > column)
        {
            row.Length = column;
        }
    }
}
