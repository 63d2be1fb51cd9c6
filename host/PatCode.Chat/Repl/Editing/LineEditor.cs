using System.Text;
using PatCode.Chat.Terminal;
using PatCode.Core.Security;

namespace PatCode.Chat.Repl.Editing;

/// <summary>
/// Reads one line from the terminal with readline keys: cursor and word movement (Ctrl+A/E/B/F, Alt+B/F,
/// arrows, Home/End), kills and yank (Ctrl+W/K/U/Y, Alt+D, Alt+Backspace), Ctrl+T, Up/Down through the history,
/// Ctrl+R reverse search, Tab completion, Ctrl+L. A bracketed paste goes into the line as it is, however many
/// lines; Alt+Enter adds a line break. Keys typed ahead that are not used by this line stay for the next one.
/// Renders by redrawing only its own rows (never the screen), scrolled to the cursor when taller than the
/// terminal.
/// </summary>
internal sealed class LineEditor
{
    public const string ContinuationPrompt = "... ";

    private static readonly TimeSpan EscapeWait = TimeSpan.FromMilliseconds(30);

    private readonly ITerminal _terminal;
    private readonly InputHistory _history;
    private readonly ICompleter? _completer;
    private readonly KeyDecoder _decoder = new();
    private readonly EditBuffer _buffer = new();
    private readonly object _gate = new();
    private readonly byte[] _read = new byte[4096];
    private string _prompt = "";
    private int _cursorRow;
    private int _historyIndex;
    private string _draft = "";
    private bool _lastWasTab;
    private HistorySearch? _search;
    private bool _active;

    public LineEditor(ITerminal terminal, InputHistory history, ICompleter? completer)
    {
        _terminal = terminal;
        _history = history;
        _completer = completer;
    }

    public InputHistory History => _history;

    /// <summary>Reads a line. <paramref name="text"/> is the line when <see cref="EditorOutcome.Submitted"/>.</summary>
    public EditorOutcome ReadLine(string prompt, out string text, CancellationToken cancellationToken)
    {
        text = "";
        lock (_gate)
        {
            _prompt = prompt;
            _buffer.Set("");
            _cursorRow = 0;
            _historyIndex = _history.Count;
            _draft = "";
            _search = null;
            _lastWasTab = false;
            _terminal.EnterEditMode();
            _active = true;
            Render();
        }

        try
        {
            while (true)
            {
                if (TryHandlePending(out var outcome, out text, inputIdle: false))
                {
                    return outcome;
                }

                // An Esc with nothing after it yet: it is the Esc key if nothing follows soon.
                var waitForEscape = _decoder.HasPartial && !_decoder.InPaste;
                var count = _terminal.Read(_read, waitForEscape ? EscapeWait : Timeout.InfiniteTimeSpan, cancellationToken);
                if (count < 0)
                {
                    text = _buffer.ToString();
                    return text.Length > 0 ? Submit(out text) : Finish(EditorOutcome.EndOfInput);
                }

                if (count == 0)
                {
                    if (TryHandlePending(out outcome, out text, inputIdle: true))
                    {
                        return outcome;
                    }

                    continue;
                }

                _decoder.Feed(_read.AsSpan(0, count));
            }
        }
        finally
        {
            lock (_gate)
            {
                _active = false;
                _terminal.LeaveEditMode();
            }
        }
    }

    /// <summary>
    /// Shows a line (a notice from another thread, such as a plugin reload) above the line being edited, which is
    /// drawn again below it; with no line being edited it is simply written.
    /// </summary>
    public void WriteAbove(string line)
    {
        lock (_gate)
        {
            if (!_active)
            {
                _terminal.Write(line + "\n");
                return;
            }

            var text = new StringBuilder();
            MoveToRegionStart(text);
            text.Append("\u001b[J").Append(line).Append("\r\n");
            _terminal.Write(text.ToString());
            _cursorRow = 0;
            Render();
        }
    }

    private bool TryHandlePending(out EditorOutcome outcome, out string text, bool inputIdle)
    {
        outcome = EditorOutcome.Submitted;
        text = "";
        var handled = false;
        while (_decoder.TryRead(out var key, inputIdle))
        {
            lock (_gate)
            {
                handled = true;
                if (Handle(key, out text) is { } done)
                {
                    outcome = done;
                    return true;
                }
            }
        }

        // Keys that came in one read are drawn once, after the last of them.
        if (handled)
        {
            lock (_gate)
            {
                Render();
            }
        }

        return false;
    }

    private EditorOutcome? Handle(KeyPress key, out string text)
    {
        text = "";
        if (_search is not null && HandleSearchKey(key, out var accepted))
        {
            return accepted ? Submit(out text) : null;
        }

        var wasTab = _lastWasTab;
        _lastWasTab = false;
        switch (key.Kind)
        {
            case KeyKind.Enter when key.Alt:
                _buffer.Insert("\n");
                break;
            case KeyKind.Enter:
                return Submit(out text);
            case KeyKind.Character when key.Alt:
                HandleAlt(char.ToLowerInvariant(key.Text[0]));
                break;
            case KeyKind.Character:
                _buffer.Insert(key.Text);
                break;
            case KeyKind.Paste:
                _buffer.Insert(TerminalText.Sanitize(key.Text));
                break;
            case KeyKind.Tab:
                Complete(wasTab);
                break;
            case KeyKind.Backspace when key.Alt:
                _buffer.KillAlphanumericWordBefore();
                break;
            case KeyKind.Backspace:
                _buffer.Backspace();
                break;
            case KeyKind.Delete:
                _buffer.Delete();
                break;
            case KeyKind.Left when key.Ctrl || key.Alt:
                _buffer.WordLeft();
                break;
            case KeyKind.Right when key.Ctrl || key.Alt:
                _buffer.WordRight();
                break;
            case KeyKind.Left:
                _buffer.Left();
                break;
            case KeyKind.Right:
                _buffer.Right();
                break;
            case KeyKind.Home:
                _buffer.Home();
                break;
            case KeyKind.End:
                _buffer.End();
                break;
            case KeyKind.Up or KeyKind.PageUp:
                HistoryPrevious();
                break;
            case KeyKind.Down or KeyKind.PageDown:
                HistoryNext();
                break;
            case KeyKind.Control:
                return HandleControl(key.Letter, out text);
            default:
                break;
        }

        return null;
    }

    private EditorOutcome? HandleControl(char letter, out string text)
    {
        text = "";
        switch (letter)
        {
            case 'a':
                _buffer.Home();
                break;
            case 'e':
                _buffer.End();
                break;
            case 'b':
                _buffer.Left();
                break;
            case 'f':
                _buffer.Right();
                break;
            case 'h':
                _buffer.Backspace();
                break;
            case 'd' or '@' when _buffer.Length == 0:
                return Finish(EditorOutcome.EndOfInput);
            case 'd':
                _buffer.Delete();
                break;
            case 'k':
                _buffer.KillToEnd();
                break;
            case 'u':
                _buffer.KillToStart();
                break;
            case 'w':
                _buffer.KillWordBefore();
                break;
            case 'y':
                _buffer.Yank();
                break;
            case 't':
                _buffer.Transpose();
                break;
            case 'p':
                HistoryPrevious();
                break;
            case 'n':
                HistoryNext();
                break;
            case 'r':
                _search = new HistorySearch(_history, _buffer.ToString());
                break;
            case 'l':
                _terminal.Write("\u001b[H\u001b[2J");
                _cursorRow = 0;
                break;
            case 'c' when _buffer.Length == 0:
                return Finish(EditorOutcome.Interrupted);
            case 'c':
                // As in a shell: the line is dropped, a fresh prompt follows.
                _buffer.End();
                Render();
                _terminal.Write("^C\r\n");
                _buffer.Set("");
                _cursorRow = 0;
                _historyIndex = _history.Count;
                break;
            default:
                break;
        }

        return null;
    }

    private void HandleAlt(char letter)
    {
        switch (letter)
        {
            case 'b':
                _buffer.WordLeft();
                break;
            case 'f':
                _buffer.WordRight();
                break;
            case 'd':
                _buffer.KillWordAfter();
                break;
            case '<':
                SetFromHistory(0);
                break;
            case '>':
                SetFromHistory(_history.Count);
                break;
            default:
                break;
        }
    }

    /// <summary>A key while Ctrl+R is searching. Returns false when the key ends the search and must be handled as usual.</summary>
    private bool HandleSearchKey(KeyPress key, out bool submit)
    {
        submit = false;
        var search = _search!;
        switch (key.Kind)
        {
            case KeyKind.Character when !key.Alt:
                search.Append(key.Text);
                return true;
            case KeyKind.Paste:
                search.Append(TerminalText.SanitizeLine(key.Text));
                return true;
            case KeyKind.Backspace:
                search.RemoveLast();
                return true;
            case KeyKind.Control when key.Letter == 'r':
                search.Older();
                return true;
            case KeyKind.Control when key.Letter is 'g' or 'c':
            case KeyKind.Escape:
                _buffer.Set(search.Original);
                _search = null;
                return true;
            case KeyKind.Enter:
                _buffer.Set(search.Match ?? search.Original);
                _search = null;
                submit = true;
                return true;
            default:
                // Any other key takes the match into the line for editing, then does what it does.
                _buffer.Set(search.Match ?? search.Original, search.Match is null ? null : search.MatchPosition);
                _search = null;
                return false;
        }
    }

    private void HistoryPrevious()
    {
        if (_historyIndex > 0)
        {
            SetFromHistory(_historyIndex - 1);
        }
    }

    private void HistoryNext()
    {
        if (_historyIndex < _history.Count)
        {
            SetFromHistory(_historyIndex + 1);
        }
    }

    private void SetFromHistory(int index)
    {
        if (_historyIndex == _history.Count)
        {
            _draft = _buffer.ToString();
        }

        _historyIndex = index;
        _buffer.Set(index == _history.Count ? _draft : _history[index]);
    }

    private void Complete(bool secondTab)
    {
        if (_completer is null)
        {
            return;
        }

        var before = _buffer.BeforeCursor();
        var result = _completer.Complete(before);
        if (result.Candidates.Count == 0)
        {
            return;
        }

        var word = before[result.Start..];
        if (result.Candidates.Count == 1)
        {
            var only = result.Candidates[0];
            _buffer.ReplaceBeforeCursor(result.Start, only.EndsWith('/') ? only : only + " ");
            return;
        }

        var common = CommonPrefix(result.Candidates);
        if (common.Length > word.Length)
        {
            _buffer.ReplaceBeforeCursor(result.Start, common);
            _lastWasTab = true;
            return;
        }

        if (!secondTab)
        {
            _lastWasTab = true;
            return;
        }

        // Tab twice with nothing more to add: list the candidates under the line, then draw the line again.
        var listing = new StringBuilder();
        var layout = Layout();
        MoveFromCursorTo(listing, layout, layout.Rows.Count - 1);
        listing.Append("\r\n");
        var names = result.Candidates.Select(DisplayName).ToList();
        var cell = names.Max(n => DisplayWidth.Of(n)) + 2;
        var perRow = Math.Max(1, _terminal.Width / cell);
        for (var i = 0; i < names.Count; i++)
        {
            listing.Append(names[i]).Append(' ', cell - DisplayWidth.Of(names[i]));
            if ((i + 1) % perRow == 0 || i == names.Count - 1)
            {
                listing.Append("\r\n");
            }
        }

        _terminal.Write(listing.ToString());
        _cursorRow = 0;
    }

    private static string DisplayName(string candidate)
    {
        var trimmed = candidate.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash > 0 ? candidate[(slash + 1)..] : candidate;
    }

    private static string CommonPrefix(IReadOnlyList<string> candidates)
    {
        var prefix = candidates[0];
        foreach (var candidate in candidates.Skip(1))
        {
            var length = 0;
            while (length < prefix.Length && length < candidate.Length && prefix[length] == candidate[length])
            {
                length++;
            }

            prefix = prefix[..length];
        }

        return prefix;
    }

    private EditorOutcome Submit(out string text)
    {
        text = _buffer.ToString();
        _buffer.Set(text);
        return Finish(EditorOutcome.Submitted);
    }

    private EditorOutcome Finish(EditorOutcome outcome)
    {
        _search = null;
        Render();
        _terminal.Write("\r\n");
        _cursorRow = 0;
        return outcome;
    }

    private EditorLayout Layout() => _search is { } search
        ? EditorLayout.Of(search.Prompt, ContinuationPrompt, search.Match ?? "", search.Match is null ? 0 : search.MatchPosition, _terminal.Width)
        : EditorLayout.Of(_prompt, ContinuationPrompt, _buffer.ToString(), _buffer.Cursor, _terminal.Width);

    /// <summary>Draws the prompt and the text over the rows they had, and puts the cursor in place.</summary>
    private void Render()
    {
        var layout = Layout();
        var visible = Math.Max(1, _terminal.Height - 1);
        var top = Math.Clamp(layout.CursorRow - visible + 1, 0, Math.Max(0, layout.Rows.Count - visible));
        var bottom = Math.Min(layout.Rows.Count, top + visible) - 1;

        var output = new StringBuilder("\u001b[?25l");
        MoveToRegionStart(output);
        output.Append("\u001b[J");
        for (var row = top; row <= bottom; row++)
        {
            if (row > top)
            {
                output.Append("\r\n");
            }

            output.Append(layout.Rows[row]);
        }

        var up = bottom - layout.CursorRow;
        if (up > 0)
        {
            output.Append("\u001b[").Append(up).Append('A');
        }

        output.Append('\r');
        if (layout.CursorColumn > 0)
        {
            output.Append("\u001b[").Append(layout.CursorColumn).Append('C');
        }

        output.Append("\u001b[?25h");
        _terminal.Write(output.ToString());
        _cursorRow = layout.CursorRow - top;
    }

    private void MoveToRegionStart(StringBuilder output)
    {
        output.Append('\r');
        if (_cursorRow > 0)
        {
            output.Append("\u001b[").Append(_cursorRow).Append('A');
        }
    }

    private void MoveFromCursorTo(StringBuilder output, EditorLayout layout, int row)
    {
        var visible = Math.Max(1, _terminal.Height - 1);
        var top = Math.Clamp(layout.CursorRow - visible + 1, 0, Math.Max(0, layout.Rows.Count - visible));
        var down = Math.Min(row, top + visible - 1) - top - _cursorRow;
        if (down > 0)
        {
            output.Append("\u001b[").Append(down).Append('B');
        }
    }
}
