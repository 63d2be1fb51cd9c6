using Markdig.Extensions.Tables;

namespace PatCode.Chat.Answers.Markdown;

/// <summary>A pipe table's rendered cells, row by row, and how each column is aligned; laid out by <see cref="MarkdownLineRenderer.RenderTable"/>.</summary>
internal sealed class TableCells(List<(bool Header, List<AnsiLine> Cells)> rows, IReadOnlyList<TableColumnAlign?> alignments)
{
    public List<(bool Header, List<AnsiLine> Cells)> Rows { get; } = rows;

    public IReadOnlyList<TableColumnAlign?> Alignments { get; } = alignments;
}
