using System.Buffers;

namespace PatCode.Chat.Answers.Markdown;

/// <summary>
/// Renders the lines answers are mostly made of without a Markdig parse, which costs more than printing the
/// line: a paragraph, an ATX heading, a list item or a block quote whose text holds only literal text,
/// <c>*</c>/<c>**</c> emphasis that opens after a space and closes before a space or punctuation, single-backtick
/// code spans and inline links. Whatever falls outside that (underscores, escapes, entities, HTML, autolinks,
/// strikethrough, images, nesting, unusual spacing…) is declined, and Markdig renders the line instead. For the
/// lines it takes, the result is exactly what Markdig's parse renders to (the tests compare the two).
/// </summary>
internal static class SimpleLineRenderer
{
    // Autolinks (on with "://" or "www." in a line, see MarkdownLineRenderer) would turn these into links.
    private static readonly string[] AutolinkMarks = ["://", "www.", "mailto:", "tel:"];

    // What ends a link's text or URL that can stay simple (anything else in them is declined).
    private static readonly SearchValues<char> LinkTextEnds = SearchValues.Create("[]`*_\\<>&~!");
    private static readonly SearchValues<char> UrlEnds = SearchValues.Create(" \t()<>\\&\"'`");

    /// <summary>The rendered line, or <see langword="null"/> when it is not simple enough (Markdig decides then).</summary>
    public static string? TryRender(string line)
    {
        var indent = line.Length - line.AsSpan().TrimStart(' ').Length;
        var content = line.AsSpan(indent);
        if (content.IsEmpty || content[^1] == ' ')
        {
            return null;
        }

        var output = new AnsiLine().Text(line.AsSpan(0, indent));
        return TryRenderBlock(content, indent / 2, output) ? output.ToString() : null;
    }

    private static bool TryRenderBlock(ReadOnlySpan<char> content, int depth, AnsiLine output)
    {
        var c = content[0];
        if (c == '#')
        {
            var level = content.IndexOfAnyExcept('#');
            // A closing sequence (" ##") is left to Markdig; "C#" at the end is text.
            var closing = content.TrimEnd('#');
            if (level is < 1 or > 6 || !IsSpaceThenText(content[level..]) || (closing.Length < content.Length && closing[^1] == ' '))
            {
                return false;
            }

            MarkdownStyle.BeginHeading(output, level);
            var ok = TryRenderInlines(content[(level + 1)..], output);
            MarkdownStyle.EndHeading(output, level);
            return ok;
        }

        if (c is '-' or '+' or '*' && IsSpaceThenText(content[1..]))
        {
            return TryRenderItem(MarkdownStyle.Bullet(depth), content[2..], output);
        }

        if (c == '>')
        {
            if (!IsSpaceThenText(content[1..]) || StartsBlock(content[2..]))
            {
                return false;
            }

            MarkdownStyle.BeginQuote(output);
            var ok = TryRenderInlines(content[2..], output);
            MarkdownStyle.EndQuote(output);
            return ok;
        }

        if (c is >= '1' and <= '9')
        {
            var digits = content.IndexOfAnyExceptInRange('0', '9');
            if (digits > 0 && digits <= 9 && content[digits] is '.' or ')')
            {
                return IsSpaceThenText(content[(digits + 1)..]) &&
                    TryRenderItem(content[..(digits + 1)].ToString(), content[(digits + 2)..], output);
            }
        }

        return !StartsBlock(content) && TryRenderInlines(content, output);
    }

    private static bool TryRenderItem(string marker, ReadOnlySpan<char> text, AnsiLine output)
    {
        if (StartsBlock(text))
        {
            return false;
        }

        MarkdownStyle.ListMarker(output, marker);
        return TryRenderInlines(text, output);
    }

    /// <summary>Exactly one space, then text (more spaces change what Markdig makes of the rest).</summary>
    private static bool IsSpaceThenText(ReadOnlySpan<char> rest) => rest.Length >= 2 && rest[0] == ' ' && rest[1] != ' ';

    /// <summary>Whether text could begin a block of its own (a nested list, quote, heading, rule, fence…).</summary>
    private static bool StartsBlock(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return true;
        }

        switch (text[0])
        {
            case '#' or '>' or '|' or '=' or '_' or '~' or '<' or ' ':
                return true;
            case '-' or '+' or '*':
                // A bullet, or a thematic break (only the marker and spaces).
                return text.Length == 1 || text[1] == ' ' || text.IndexOfAnyExcept(text[0], ' ') < 0;
            case '`':
                return text.StartsWith("```", StringComparison.Ordinal);
            case >= '0' and <= '9':
                var digits = text.IndexOfAnyExceptInRange('0', '9');
                return digits < 0 || text[digits] is '.' or ')';
            default:
                return false;
        }
    }

    /// <summary>Inline text (literal text, emphasis, code spans, links) into <paramref name="output"/>; false, part-written, when it is not simple.</summary>
    internal static bool TryRenderInlines(ReadOnlySpan<char> text, AnsiLine output)
    {
        var emphasis = 0;
        var literal = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '`':
                    if (!TryLiteral(text[literal..i], output) || !TryCodeSpan(text, i, out var codeEnd))
                    {
                        return false;
                    }

                    MarkdownStyle.Code(output, text[(i + 1)..codeEnd]);
                    i = literal = codeEnd + 1;
                    break;
                case '*':
                    var run = text[i..].IndexOfAnyExcept('*');
                    run = run < 0 ? text.Length - i : run;
                    var before = i == 0 ? ' ' : text[i - 1];
                    var after = i + run < text.Length ? text[i + run] : ' ';
                    if (!TryLiteral(text[literal..i], output) || run > 2)
                    {
                        return false;
                    }

                    if (emphasis == 0 && before == ' ' && !char.IsWhiteSpace(after))
                    {
                        emphasis = run;
                        MarkdownStyle.BeginEmphasis(output, run);
                    }
                    else if (run == emphasis && !char.IsWhiteSpace(before) && after is ' ' or '.' or ',' or ';' or ':' or '?' or ')')
                    {
                        MarkdownStyle.EndEmphasis(output, run);
                        emphasis = 0;
                    }
                    else
                    {
                        return false;
                    }

                    i = literal = i + run;
                    break;
                case '[':
                    if (!TryLiteral(text[literal..i], output) || !TryLink(text, i, output, out var linkEnd))
                    {
                        return false;
                    }

                    i = literal = linkEnd + 1;
                    break;
                case '!' when i + 1 < text.Length && text[i + 1] == '[':
                    return false;
                case ']' or '_' or '\\' or '&' or '<' or '~' or < ' ':
                    return false;
                default:
                    i++;
                    break;
            }
        }

        return emphasis == 0 && TryLiteral(text[literal..], output);
    }

    private static bool TryLiteral(ReadOnlySpan<char> text, AnsiLine output)
    {
        foreach (var mark in AutolinkMarks)
        {
            if (text.Contains(mark, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        output.Text(text);
        return true;
    }

    /// <summary>A code span of single backticks with text that neither starts nor ends with a space (Markdig trims those).</summary>
    private static bool TryCodeSpan(ReadOnlySpan<char> text, int start, out int end)
    {
        end = -1;
        if (start + 1 >= text.Length || text[start + 1] is '`' or ' ')
        {
            return false;
        }

        var close = text[(start + 1)..].IndexOf('`');
        if (close < 0)
        {
            return false;
        }

        end = start + 1 + close;
        return text[end - 1] != ' ' && (end + 1 >= text.Length || text[end + 1] != '`');
    }

    /// <summary>An inline link <c>[text](url)</c> with literal text and a URL of no spaces, quotes, brackets or escapes.</summary>
    private static bool TryLink(ReadOnlySpan<char> text, int start, AnsiLine output, out int end)
    {
        end = -1;
        var close = text[(start + 1)..].IndexOfAny(LinkTextEnds);
        if (close <= 0 || text[start + 1 + close] != ']')
        {
            return false;
        }

        // "[x]" and "[X]" start a task list item where the line holds "[x]" (the extension is then on).
        var label = text.Slice(start + 1, close);
        var open = start + 1 + close + 1;
        if (label[0] == ' ' || label[^1] == ' ' || label is "x" or "X" || open >= text.Length || text[open] != '(')
        {
            return false;
        }

        var length = text[(open + 1)..].IndexOfAny(UrlEnds);
        if (length <= 0 || text[open + 1 + length] != ')')
        {
            return false;
        }

        var linkText = new AnsiLine();
        if (!TryLiteral(label, linkText))
        {
            return false;
        }

        MarkdownStyle.Link(output, linkText, text.Slice(open + 1, length).ToString(), image: false);
        end = open + 1 + length;
        return true;
    }
}
