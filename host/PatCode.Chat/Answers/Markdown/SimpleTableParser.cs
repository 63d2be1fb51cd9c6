using Markdig.Extensions.Tables;

namespace PatCode.Chat.Answers.Markdown;

/// <summary>
/// Reads the pipe tables answers usually hold without a Markdig parse: every row between leading and trailing
/// pipes, a delimiter row second, the same number of cells in each row, and cells that
/// <see cref="SimpleLineRenderer"/> can render. Anything else is declined and Markdig reads the table
/// (the tests compare the two).
/// </summary>
internal static class SimpleTableParser
{
    /// <summary>The table's cells, or <see langword="null"/> when it is not simple enough.</summary>
    public static TableCells? TryParse(IReadOnlyList<string> lines)
    {
        if (lines.Count < 2 || !TrySplit(lines[1], padded: false, out var delimiters))
        {
            return null;
        }

        var alignments = new List<TableColumnAlign?>(delimiters.Count);
        foreach (var delimiter in delimiters)
        {
            if (!TryAlignment(delimiter, out var alignment))
            {
                return null;
            }

            alignments.Add(alignment);
        }

        var rows = new List<(bool Header, List<AnsiLine> Cells)>(lines.Count - 1);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i == 1)
            {
                continue;
            }

            if (!TrySplit(lines[i], padded: true, out var texts) || texts.Count != delimiters.Count)
            {
                return null;
            }

            var cells = new List<AnsiLine>(texts.Count);
            foreach (var text in texts)
            {
                var cell = new AnsiLine();
                if (i == 0)
                {
                    cell.Begin(Sgr.Bold);
                }

                if (text.Length == 0 || !SimpleLineRenderer.TryRenderInlines(text, cell))
                {
                    return null;
                }

                if (i == 0)
                {
                    cell.End(Sgr.Bold);
                }

                cells.Add(cell);
            }

            rows.Add((i == 0, cells));
        }

        return new TableCells(rows, alignments);
    }

    /// <summary>
    /// The trimmed cells of <c>| a | b |</c>; backslashes (escaped pipes) are declined. Text cells must be
    /// <paramref name="padded"/> by spaces, so emphasis at their edges flanks as it would anywhere in a line.
    /// </summary>
    private static bool TrySplit(string line, bool padded, out List<string> cells)
    {
        cells = [];
        if (line.Length < 3 || line[0] != '|' || line[^1] != '|' || line.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        for (var start = 1; start < line.Length;)
        {
            var end = line.IndexOf('|', start);
            var cell = line.AsSpan(start, end - start);
            if (padded && (cell.Length < 3 || cell[0] != ' ' || cell[^1] != ' '))
            {
                return false;
            }

            cells.Add(cell.Trim(' ').ToString());
            start = end + 1;
        }

        return true;
    }

    /// <summary>A delimiter cell's alignment: <c>---</c> none, <c>:--</c> left, <c>--:</c> right, <c>:-:</c> centre.</summary>
    private static bool TryAlignment(string delimiter, out TableColumnAlign? alignment)
    {
        var left = delimiter.StartsWith(':');
        var right = delimiter.Length > 1 && delimiter.EndsWith(':');
        var dashes = delimiter.AsSpan(left ? 1 : 0, delimiter.Length - (left ? 1 : 0) - (right ? 1 : 0));
        alignment = (left, right) switch
        {
            (true, true) => TableColumnAlign.Center,
            (true, false) => TableColumnAlign.Left,
            (false, true) => TableColumnAlign.Right,
            _ => null,
        };
        return !dashes.IsEmpty && dashes.IndexOfAnyExcept('-') < 0;
    }
}
