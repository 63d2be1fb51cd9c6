using System.Buffers;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PatCode.Chat.Answers.Markdown;

/// <summary>
/// Renders Markdown parsed by Markdig as ANSI-styled terminal text, one line (or one table) at a time, so an
/// answer can be shown as it streams: headings, emphasis, strikethrough, code spans, links (text and URL),
/// list items with bullets or numbers, task boxes, block quotes, rules and pipe tables. Fenced code is framed
/// by <see cref="MarkdownStreamRenderer"/>, which also tracks what spans lines (fences, tables, indentation).
/// </summary>
internal static class MarkdownLineRenderer
{
    // Each Markdig extension adds work to every parse, and a line is parsed on its own; so a line gets the
    // extensions only when it holds what they look for (a table is parsed with pipe tables as well).
    private static readonly MarkdownPipeline CommonMark = new MarkdownPipelineBuilder().Build();

    private static readonly MarkdownPipeline Extended = new MarkdownPipelineBuilder()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .UseTaskLists()
        .Build();

    private static readonly MarkdownPipeline Tables = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .UseTaskLists()
        .Build();

    private static readonly string[] ExtensionMarks = ["~~", "://", "www.", "[ ]", "[x]", "[X]"];

    // A line with none of these (and no block marker first) renders as itself, so most prose needs no parse.
    private static readonly SearchValues<char> InlineMarkup = SearchValues.Create("*_`[]<>~\\&!");
    private static readonly SearchValues<char> BlockStarts = SearchValues.Create("-+*>#=_|`~0123456789");

    /// <summary>Whether <paramref name="line"/> could render differently from its text.</summary>
    public static bool HasMarkup(ReadOnlySpan<char> line)
    {
        var content = line.TrimStart(' ');
        return content.Length > 0 && (BlockStarts.Contains(content[0]) || content.IndexOfAny(InlineMarkup) >= 0);
    }

    /// <summary>One complete line outside code fences and tables; <paramref name="width"/> is the terminal's.</summary>
    public static string RenderLine(string line, int width)
    {
        if (!HasMarkup(line))
        {
            return line;
        }

        // Most lines an answer holds are simple enough to render without a Markdig parse, which costs more than printing them.
        return SimpleLineRenderer.TryRender(line) ?? RenderWithMarkdig(line, width);
    }

    /// <summary>A line with markup, parsed by Markdig (the tests hold <see cref="SimpleLineRenderer"/> to this).</summary>
    internal static string RenderWithMarkdig(string line, int width)
    {
        var indent = line.Length - line.TrimStart(' ').Length;
        var content = line[indent..];
        var pipeline = ExtensionMarks.Any(mark => content.Contains(mark, StringComparison.Ordinal)) ? Extended : CommonMark;
        var document = Markdig.Markdown.Parse(content, pipeline);
        if (document.Count != 1)
        {
            return line;
        }

        var output = new AnsiLine().Text(new string(' ', indent));
        RenderBlock(document[0], content, output, depth: indent / 2, Math.Max(10, width - indent));
        return output.ToString();
    }

    /// <summary>
    /// Lines of a pipe table, drawn with box characters and aligned columns; <see langword="null"/> when they do
    /// not make a table or it would not fit <paramref name="width"/> (the lines then stay as they were).
    /// </summary>
    public static IReadOnlyList<string>? RenderTable(IReadOnlyList<string> lines, int width)
    {
        var table = SimpleTableParser.TryParse(lines) ?? ParseTableWithMarkdig(lines);
        return table is null ? null : LayOut(table, width);
    }

    /// <summary>A table's cells as Markdig reads them (the tests hold <see cref="SimpleTableParser"/> to this).</summary>
    internal static TableCells? ParseTableWithMarkdig(IReadOnlyList<string> lines)
    {
        var source = string.Join('\n', lines);
        var document = Markdig.Markdown.Parse(source, Tables);
        if (document.Count != 1 || document[0] is not Table table)
        {
            return null;
        }

        var rows = new List<(bool Header, List<AnsiLine> Cells)>();
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = new List<AnsiLine>();
            foreach (var cell in row.OfType<TableCell>())
            {
                var text = new AnsiLine();
                if (row.IsHeader)
                {
                    text.Begin(Sgr.Bold);
                }

                foreach (var paragraph in cell.OfType<LeafBlock>())
                {
                    RenderInlines(paragraph.Inline, source, text);
                }

                if (row.IsHeader)
                {
                    text.End(Sgr.Bold);
                }

                cells.Add(text);
            }

            rows.Add((row.IsHeader, cells));
        }

        return new TableCells(rows, table.ColumnDefinitions.Select(c => c.Alignment).ToList());
    }

    /// <summary>Lines of the table drawn with box characters and aligned columns, or <see langword="null"/> if it does not fit <paramref name="width"/>.</summary>
    private static List<string>? LayOut(TableCells table, int width)
    {
        var rows = table.Rows;
        var columns = Math.Max(table.Alignments.Count, rows.Max(r => r.Cells.Count));
        var widths = new int[columns];
        foreach (var (_, cells) in rows)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                widths[i] = Math.Max(widths[i], cells[i].Width);
            }
        }

        if (widths.Sum() + (3 * columns) + 1 > width)
        {
            return null;
        }

        var result = new List<string> { Border('┌', '┬', '┐', widths) };
        for (var r = 0; r < rows.Count; r++)
        {
            var line = new AnsiLine().Text("│");
            for (var i = 0; i < columns; i++)
            {
                var cell = i < rows[r].Cells.Count ? rows[r].Cells[i] : new AnsiLine();
                var alignment = i < table.Alignments.Count ? table.Alignments[i] : null;
                var spare = widths[i] - cell.Width;
                var left = alignment switch
                {
                    TableColumnAlign.Right => spare,
                    TableColumnAlign.Center => spare / 2,
                    _ => 0,
                };
                line.Text(" " + new string(' ', left)).Append(cell).Text(new string(' ', spare - left) + " │");
            }

            result.Add(line.ToString());
            if (rows[r].Header && r < rows.Count - 1)
            {
                result.Add(Border('├', '┼', '┤', widths));
            }
        }

        result.Add(Border('└', '┴', '┘', widths));
        return result;
    }

    /// <summary>A horizontal rule as wide as the terminal allows (at most 60 columns).</summary>
    public static string Rule(int width) => "\u001b[2m" + new string('─', Math.Clamp(width, 3, 60)) + "\u001b[22m";

    private static string Border(char left, char middle, char right, int[] widths) =>
        "\u001b[2m" + left + string.Join(middle, widths.Select(w => new string('─', w + 2))) + right + "\u001b[22m";

    private static void RenderBlock(Block block, string source, AnsiLine output, int depth, int width)
    {
        switch (block)
        {
            case HeadingBlock heading:
                MarkdownStyle.BeginHeading(output, heading.Level);
                RenderInlines(heading.Inline, source, output);
                MarkdownStyle.EndHeading(output, heading.Level);
                break;
            case ListBlock list when list.Count > 0 && list[0] is ListItemBlock item:
                var marker = list.IsOrdered
                    ? $"{(item.Order > 0 ? item.Order.ToString(System.Globalization.CultureInfo.InvariantCulture) : list.OrderedStart)}{list.OrderedDelimiter}"
                    : MarkdownStyle.Bullet(depth);
                MarkdownStyle.ListMarker(output, marker);
                RenderChildren(item, source, output, depth + 1, width - marker.Length - 1);
                break;
            case QuoteBlock quote:
                MarkdownStyle.BeginQuote(output);
                RenderChildren(quote, source, output, depth, width - 2);
                MarkdownStyle.EndQuote(output);
                break;
            case ThematicBreakBlock:
                output.Text(Rule(width));
                break;
            case LeafBlock { Inline: not null } leaf and (ParagraphBlock or HeadingBlock):
                RenderInlines(leaf.Inline, source, output);
                break;
            default:
                // HTML, link reference definitions and anything else: the text as written.
                output.Text(Slice(source, block.Span));
                break;
        }
    }

    private static void RenderChildren(ContainerBlock container, string source, AnsiLine output, int depth, int width)
    {
        var first = true;
        foreach (var child in container)
        {
            if (!first)
            {
                output.Text(" ");
            }

            RenderBlock(child, source, output, depth, width);
            first = false;
        }
    }

    private static void RenderInlines(ContainerInline? container, string source, AnsiLine output)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            RenderInline(inline, source, output);
        }
    }

    private static void RenderInline(Inline inline, string source, AnsiLine output)
    {
        switch (inline)
        {
            case LiteralInline literal:
                output.Text(literal.Content.ToString());
                break;
            case CodeInline code:
                MarkdownStyle.Code(output, code.Content);
                break;
            case EmphasisInline { DelimiterChar: '~' } strike:
                output.Begin(Sgr.Strike);
                RenderInlines(strike, source, output);
                output.End(Sgr.Strike);
                break;
            case EmphasisInline emphasis:
                MarkdownStyle.BeginEmphasis(output, emphasis.DelimiterCount);
                RenderInlines(emphasis, source, output);
                MarkdownStyle.EndEmphasis(output, emphasis.DelimiterCount);
                break;
            case LinkInline link:
                RenderLink(link, source, output);
                break;
            case AutolinkInline autolink:
                MarkdownStyle.Autolink(output, autolink.Url);
                break;
            case TaskList task:
                output.Text(task.Checked ? "☑" : "☐");
                break;
            case HtmlEntityInline entity:
                output.Text(entity.Transcoded.ToString());
                break;
            case HtmlInline html:
                output.Text(html.Tag);
                break;
            case LineBreakInline:
                output.Text(" ");
                break;
            case ContainerInline other:
                RenderInlines(other, source, output);
                break;
            default:
                output.Text(Slice(source, inline.Span));
                break;
        }
    }

    private static void RenderLink(LinkInline link, string source, AnsiLine output)
    {
        var text = new AnsiLine();
        RenderInlines(link, source, text);
        MarkdownStyle.Link(output, text, link.Url ?? "", link.IsImage);
    }

    private static string Slice(string source, Markdig.Syntax.SourceSpan span) =>
        span.IsEmpty || span.Start < 0 || span.End >= source.Length ? (span.Start >= 0 && span.Start < source.Length ? source[span.Start..] : "") : source.Substring(span.Start, span.Length);
}
