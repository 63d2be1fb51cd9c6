using System.Text;
using PatCode.Chat.Terminal;

namespace PatCode.Chat.Repl.Editing;

/// <summary>
/// Where the prompt and the text fall on the screen: rows as the terminal will wrap them (line breaks in the
/// text start a new row after a continuation prompt; tabs take four columns) and the cursor's row and column.
/// </summary>
internal sealed class EditorLayout
{
    private EditorLayout(List<string> rows, int cursorRow, int cursorColumn)
    {
        Rows = rows;
        CursorRow = cursorRow;
        CursorColumn = cursorColumn;
    }

    public IReadOnlyList<string> Rows { get; }

    public int CursorRow { get; }

    public int CursorColumn { get; }

    public static EditorLayout Of(string prompt, string continuation, string text, int cursor, int width)
    {
        var rows = new List<string>();
        var row = new StringBuilder(prompt);
        var column = DisplayWidth.Of(prompt);
        var cursorRow = -1;
        var cursorColumn = 0;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                if (index == cursor)
                {
                    (cursorRow, cursorColumn) = (rows.Count, Math.Min(column, width - 1));
                }

                rows.Add(row.ToString());
                row.Clear().Append(continuation);
                column = DisplayWidth.Of(continuation);
                index++;
                continue;
            }

            var shown = rune.Value == '\t' ? "    " : rune.ToString();
            var columns = rune.Value == '\t' ? 4 : DisplayWidth.Of(rune);
            if (column + columns > width)
            {
                rows.Add(row.ToString());
                row.Clear();
                column = 0;
            }

            if (index == cursor)
            {
                (cursorRow, cursorColumn) = (rows.Count, column);
            }

            row.Append(shown);
            column += columns;
            index += rune.Utf16SequenceLength;
        }

        if (cursorRow < 0)
        {
            // At the end: after a full row the cursor is on the next one.
            if (column >= width)
            {
                rows.Add(row.ToString());
                row.Clear();
                column = 0;
            }

            (cursorRow, cursorColumn) = (rows.Count, column);
        }

        rows.Add(row.ToString());
        return new EditorLayout(rows, cursorRow, cursorColumn);
    }
}
