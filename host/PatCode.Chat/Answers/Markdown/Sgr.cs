namespace PatCode.Chat.Answers.Markdown;

/// <summary>The text attributes the Markdown renderer uses (ANSI select-graphic-rendition).</summary>
internal enum Sgr
{
    Bold,
    Dim,
    Italic,
    Underline,
    Strike,
}
