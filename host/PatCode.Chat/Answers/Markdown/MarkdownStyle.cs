namespace PatCode.Chat.Answers.Markdown;

/// <summary>
/// How each Markdown element looks on the terminal. Both ways a line is rendered (<see cref="SimpleLineRenderer"/>
/// and Markdig through <see cref="MarkdownLineRenderer"/>) style through here, so they cannot drift apart.
/// </summary>
internal static class MarkdownStyle
{
    private const string HeadingColour = "35";
    private const string CodeColour = "36";
    private const string LinkColour = "34";
    private const string BulletColour = "33";

    private static readonly string[] Bullets = ["•", "◦", "▪"];
    private static readonly Sgr[] Italic = [Sgr.Italic];
    private static readonly Sgr[] Bold = [Sgr.Bold];
    private static readonly Sgr[] BoldItalic = [Sgr.Bold, Sgr.Italic];

    public static void BeginHeading(AnsiLine output, int level)
    {
        output.BeginColour(HeadingColour).Begin(Sgr.Bold);
        if (level == 1)
        {
            output.Begin(Sgr.Underline);
        }
    }

    public static void EndHeading(AnsiLine output, int level)
    {
        if (level == 1)
        {
            output.End(Sgr.Underline);
        }

        output.End(Sgr.Bold).EndColour();
    }

    /// <summary>The bullet of an unordered list item nested <paramref name="depth"/> levels deep.</summary>
    public static string Bullet(int depth) => Bullets[depth % Bullets.Length];

    /// <summary>A list item's bullet or number, and the space after it.</summary>
    public static void ListMarker(AnsiLine output, string marker) => output.BeginColour(BulletColour).Text(marker).EndColour().Text(" ");

    public static void BeginQuote(AnsiLine output) => output.Styled(Sgr.Dim, "│ ").Begin(Sgr.Italic);

    public static void EndQuote(AnsiLine output) => output.End(Sgr.Italic);

    /// <summary>Emphasis by its delimiter count: one is italic, two bold, more both.</summary>
    public static void BeginEmphasis(AnsiLine output, int delimiters)
    {
        foreach (var attribute in EmphasisAttributes(delimiters))
        {
            output.Begin(attribute);
        }
    }

    public static void EndEmphasis(AnsiLine output, int delimiters)
    {
        foreach (var attribute in EmphasisAttributes(delimiters))
        {
            output.End(attribute);
        }
    }

    public static void Code(AnsiLine output, ReadOnlySpan<char> code) => output.BeginColour(CodeColour).Text(code).EndColour();

    public static void Autolink(AnsiLine output, string url) => output.BeginColour(LinkColour).Styled(Sgr.Underline, url).EndColour();

    /// <summary>A link's text, then its URL, which a reader needs to follow it, unless the text already is the URL.</summary>
    public static void Link(AnsiLine output, AnsiLine text, string url, bool image)
    {
        if (image)
        {
            output.Text("[image: ").Append(text).Text("]");
        }
        else
        {
            output.BeginColour(LinkColour).Begin(Sgr.Underline).Append(text).End(Sgr.Underline).EndColour();
        }

        if (url.Length > 0 && !string.Equals(text.PlainText, url, StringComparison.Ordinal))
        {
            output.Styled(Sgr.Dim, $" ({url})");
        }
    }

    private static Sgr[] EmphasisAttributes(int delimiters) => delimiters switch
    {
        1 => Italic,
        2 => Bold,
        _ => BoldItalic,
    };
}
