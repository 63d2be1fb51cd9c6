using PatCode.Core.Security;

namespace PatCode.Core.Console;

/// <summary>
/// A table to show the user: rendered as a rich table on a terminal, as aligned text otherwise. Cells and
/// the title often hold text from plugins (names, descriptions, command help), so each is kept to one line of
/// inert text: control sequences go and line breaks become spaces, so no cell can redraw or add a row.
/// </summary>
public sealed class TextTable
{
    private readonly List<IReadOnlyList<string>> _rows = [];
    private readonly string? _title;

    public TextTable(params string[] headers) => Headers = headers;

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    public string? Title
    {
        get => _title;
        init => _title = value is null ? null : TerminalText.SanitizeLine(value);
    }

    public TextTable AddRow(params string[] cells)
    {
        if (cells.Length != Headers.Count)
        {
            throw new ArgumentException($"Expected {Headers.Count} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(Array.ConvertAll(cells, TerminalText.SanitizeLine));
        return this;
    }

    /// <summary>Aligned plain text, one line per row, columns separated by two spaces.</summary>
    public string ToPlainText()
    {
        var widths = new int[Headers.Count];
        foreach (var row in _rows.Prepend(Headers))
        {
            for (var i = 0; i < row.Count; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var builder = new System.Text.StringBuilder();
        if (Title is not null)
        {
            builder.AppendLine(Title);
        }

        foreach (var row in _rows.Prepend(Headers))
        {
            for (var i = 0; i < row.Count; i++)
            {
                var last = i == row.Count - 1;
                builder.Append(last ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }
}
