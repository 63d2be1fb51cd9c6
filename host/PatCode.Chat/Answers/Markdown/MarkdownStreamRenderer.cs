using System.Buffers;
using System.Text;
using PatCode.Chat.Terminal;

namespace PatCode.Chat.Answers.Markdown;

/// <summary>
/// Shows a streaming Markdown answer on a terminal without full-screen redraws. Each piece is shown at once as
/// plain text; when its line is complete and renders differently (a heading, emphasis, a list marker…), only
/// that line is rewritten in place. Code lines inside a fence are framed as they arrive and never rewritten.
/// Pipe tables are shown as they come and redrawn aligned when the table ends (if it fits on the screen).
/// Markdig has no incremental parser, and parsing the whole answer again for every piece would cost far more
/// than printing it, so this class keeps the little state that spans lines (fences, tables) and hands each
/// complete line or table to Markdig through <see cref="MarkdownLineRenderer"/>.
/// </summary>
internal sealed class MarkdownStreamRenderer
{
    private const string Frame = "\u001b[2m│\u001b[22m ";
    private const int FrameWidth = 2;

    private readonly TextWriter _out;
    private readonly Func<int> _width;
    private readonly Func<int> _height;
    // The current line so far; a buffer rather than a StringBuilder, so each piece is shown without a copy.
    private readonly ArrayBufferWriter<char> _line = new(256);
    private readonly List<string> _table = [];
    private readonly StringBuilder _batch = new();
    private int _shown;
    private int _shownWidth;
    private bool _framed;
    private int _tableRows;
    private CodeFence? _fence;

    /// <param name="output">The terminal.</param>
    /// <param name="width">The terminal's columns now (it may be resized while an answer streams).</param>
    /// <param name="height">The terminal's rows now.</param>
    public MarkdownStreamRenderer(TextWriter output, Func<int> width, Func<int> height)
    {
        _out = output;
        _width = width;
        _height = height;
    }

    /// <summary>Shows the next piece of the answer (already cleaned of control sequences).</summary>
    public void Write(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            _line.Write(text.AsSpan(start, end - start));
            if (newline < 0)
            {
                ShowPartial();
                break;
            }

            CompleteLine();
            start = newline + 1;
        }

        Flush();
    }

    /// <summary>The answer ended: the last line is rendered, a pending table drawn, an unclosed fence closed.</summary>
    public void Complete()
    {
        if (_line.WrittenCount > 0)
        {
            CompleteLine();
        }

        FlushTable();
        if (_fence is not null)
        {
            _batch.Append(BottomFrame()).Append('\n');
            _fence = null;
        }

        Flush();
    }

    private int Width => Math.Max(20, _width());

    private void ShowPartial()
    {
        if (_fence is not null)
        {
            if (!_framed)
            {
                // Wait until the fence's indentation is passed, so it can be stripped before anything is shown.
                var line = _line.WrittenSpan;
                if (line.Length <= _fence.Indent && line.Trim().IsEmpty)
                {
                    return;
                }

                StartCodeLine(line);
            }

            ShowRest();
            return;
        }

        if (_table.Count > 0 && StartsOutsideTable())
        {
            FlushTable();
        }

        ShowRest();
    }

    private void StartCodeLine(ReadOnlySpan<char> line)
    {
        if (!_framed)
        {
            _batch.Append(' ', _fence!.Indent).Append(Frame);
            _framed = true;
            _shownWidth = _fence.Indent + FrameWidth;
            _shown = _fence.IndentationOf(line);
        }
    }

    private void ShowRest()
    {
        if (_shown < _line.WrittenCount)
        {
            var rest = _line.WrittenSpan[_shown..];
            _batch.Append(rest);
            _shownWidth += DisplayWidth.Of(rest);
            _shown = _line.WrittenCount;
        }
    }

    private bool StartsOutsideTable()
    {
        var content = _line.WrittenSpan.TrimStart(' ');
        return !content.IsEmpty && content[0] != '|';
    }

    private void CompleteLine()
    {
        var line = _line.WrittenSpan.ToString();
        if (_fence is not null)
        {
            if (_fence.IsClosedBy(line))
            {
                Replace(BottomFrame());
                _fence = null;
            }
            else
            {
                StartCodeLine(line);
                ShowRest();
                _batch.Append('\n');
            }

            ResetLine();
            return;
        }

        if (line.TrimStart(' ').StartsWith('|'))
        {
            ShowRest();
            _batch.Append('\n');
            _table.Add(line);
            _tableRows += RowsOf(DisplayWidth.Of(line));
            ResetLine();
            return;
        }

        FlushTable();
        if (CodeFence.Opening(line) is { } fence)
        {
            _fence = fence;
            Replace(TopFrame(fence));
        }
        else
        {
            var rendered = MarkdownLineRenderer.RenderLine(line, Width);
            if (string.Equals(rendered, line, StringComparison.Ordinal))
            {
                ShowRest();
                _batch.Append('\n');
            }
            else
            {
                Replace(rendered);
            }
        }

        ResetLine();
    }

    /// <summary>Erases what is shown of the current line and writes <paramref name="rendered"/> (and a line break) instead.</summary>
    private void Replace(string rendered)
    {
        EraseRows(_shownWidth == 0 ? 0 : RowsOf(_shownWidth), includeCurrent: _shownWidth > 0);
        _batch.Append(rendered).Append('\n');
    }

    private void FlushTable()
    {
        if (_table.Count == 0)
        {
            return;
        }

        // A table taller than the screen cannot be reached with the cursor any more; it stays as it came.
        if (_tableRows < _height() - 1 && MarkdownLineRenderer.RenderTable(_table, Width) is { } rendered)
        {
            EraseRows(_tableRows, includeCurrent: false);
            foreach (var row in rendered)
            {
                _batch.Append(row).Append('\n');
            }

            // Erasing took what was shown of the current line too (only its indentation can be there): show it again.
            _shown = 0;
            _shownWidth = 0;
        }

        _table.Clear();
        _tableRows = 0;
    }

    /// <summary>Moves up over <paramref name="rows"/> rows (the current one included, or all above it) and clears from there down.</summary>
    private void EraseRows(int rows, bool includeCurrent)
    {
        _batch.Append('\r');
        var up = includeCurrent ? rows - 1 : rows;
        if (up > 0)
        {
            _batch.Append("\u001b[").Append(up).Append('A');
        }

        _batch.Append("\u001b[J");
    }

    /// <summary>Rows that <paramref name="columns"/> of text take on the terminal (at least one).</summary>
    private int RowsOf(int columns) => columns <= 0 ? 1 : ((columns - 1) / Width) + 1;

    private string TopFrame(CodeFence fence)
    {
        var label = fence.Language.Length > 0 ? $"─ {fence.Language} " : "";
        var fill = Math.Max(3, Math.Min(Width, 60) - 1 - DisplayWidth.Of(label));
        return new string(' ', fence.Indent) + "\u001b[2m╭" + label + new string('─', fill) + "\u001b[22m";
    }

    private string BottomFrame() =>
        new string(' ', _fence?.Indent ?? 0) + "\u001b[2m╰" + new string('─', Math.Max(3, Math.Min(Width, 60) - 1)) + "\u001b[22m";

    private void ResetLine()
    {
        _line.ResetWrittenCount();
        _shown = 0;
        _shownWidth = 0;
        _framed = false;
    }

    private void Flush()
    {
        if (_batch.Length > 0)
        {
            _out.Write(_batch);
            _out.Flush();
            _batch.Clear();
        }
    }
}
