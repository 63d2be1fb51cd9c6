using PatCode.Chat.Answers.Markdown;

namespace PatCode.Chat.Tests.Answers.Markdown;

/// <summary>The lines rendered without Markdig must come out exactly as Markdig's parse renders them.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class SimpleLineRendererTests
{
    private const int Width = 100;

    /// <summary>Lines of the kinds answers are made of; the simple path must take every one of them.</summary>
    private static readonly string[] CommonLines =
    [
        "## Step 3: make the parser faster",
        "# Sorting in C#",
        "###### Six deep",
        "The **hot path** is `Tokenizer.Next()`, which allocates a *new* string; see [the profile](https://example.com/profile/3) for details.",
        "Reusing a buffer avoids most of that work, and the rest is plain arithmetic.",
        "1. Keep one `StringBuilder` per tokenizer",
        "2. Return `ReadOnlySpan<char>` slices instead of strings",
        "   - callers that need a string can still make one",
        "3. Measure again with **BenchmarkDotNet**",
        "10) Tenth, with a parenthesis",
        "* a star item with *emphasis*.",
        "+ a plus item",
        "> Profile before you optimise: the slow part is rarely where you expect.",
        "> Quicksort is *usually* fast.",
        "**Bold first** then text",
        "*Italic first*, then a comma",
        "Use **`Array.Sort`** for most cases.",
        "Call `a * b` and **that** is bold.",
        "A link to [the docs](http://x.y/docs) and [more](relative/path.md).",
        "Emoji 🎉 and **wide 漢字** text",
        "2024 was a year; 3 > 2 and 1 + 1 = 2.",
        "-foo is not a list item",
        "Hello!",
    ];

    /// <summary>Lines that need Markdig (or are at the edge of what the simple path takes).</summary>
    private static readonly string[] EdgeLines =
    [
        "Some _underscored_ words", "a \\*literal\\* star", "&amp; entity", "<b>html</b> inline", "www.example.com",
        "mail mailto:me@x.org now", "see https://x.y/z here", "**bold**text", "text**bold**", "** spaced **", "*a **b** c*",
        "***both***", "**a** **b**", "*a*b", "a*b*c", "(*paren*)", "\"*quoted*\"", "*a*.", "*a*!", "**a**:b",
        "- [ ] task", "- [x] done", "- [x](http://u) link", "[x](http://u)", "01. zero item", "0. zero", "1234567890. big",
        "## Heading with closing ##", "## Closing#", "## C# and F#", "# #", "#nohash", "####### seven", "#", "# ", ">quote without space", "> > nested",
        "- > quote in item", "- # heading in item", "* * *", "---", "___", "- - -", "Trailing spaces   ", "tab\there",
        "![image](http://img.png)", "[link **bold**](http://u)", "[ spaced ](u)", "[a](u v)", "[a](<u>)", "[a](u \"t\")",
        "[a]", "[a]: http://def", "[a][b]", "`` double ``", "` spaced `", "`unclosed", "a `b` `c` d", "`a``b`",
        "~~gone~~", "~one~", "1.", "1. ", "-", "- ", "-  two spaces", "1.  two", ">", "> ", "=== ", "===", "+++",
        "`code` first", "**`x`**", "*`x`*", "**a*", "*a**", "a * b * c", "**a\u00a0**", "\u00a0**a**",
        "| not a table", "a | b", "1) paren", "1)x", "- 1. nested", "- `code` item", "- ```", "```", "~~~",
        "<div>", "x <y> z", "a & b", "a\\", "[a](u)!", "[a](u).", "x [a](u)[b](v) y", "[http://x.y](http://x.y)", "(**this**)", "[](u)", "[a]()", "[a](u",
        "**[a](u)**", "*see [a](u)*", "- **Bold** item", "> - item", "> # heading", "    - indented four", "  1. indented two",
    ];

    private static readonly string[] Fragments =
    [
        "a", "word", " ", " ", "  ", "*", "**", "***", "`", "_", "[", "]", "(", ")", "](", "http://x.y", "www.", "mailto:",
        ".", ",", ":", "!", "?", "#", "# ", "- ", "* ", "1. ", "2) ", "> ", "~", "~~", "\\", "&", "<", ">", "|", "x", "X",
        "[x]", "[ ]", "漢", "é", "\u00a0", "-", "+", "=", "0", "9",
    ];

    [TestCaseSource(nameof(CommonLines))]
    public void CommonLines_AreRenderedWithoutMarkdig_AsMarkdigWould(string line)
    {
        var simple = SimpleLineRenderer.TryRender(line);

        Assert.That(simple, Is.Not.Null, "the simple path should take this line");
        Assert.That(simple, Is.EqualTo(MarkdownLineRenderer.RenderWithMarkdig(line, Width)));
    }

    [TestCaseSource(nameof(EdgeLines))]
    public void EdgeLines_AreEitherDeclined_OrRenderedAsMarkdigWould(string line)
    {
        if (SimpleLineRenderer.TryRender(line) is { } simple)
        {
            Assert.That(simple, Is.EqualTo(MarkdownLineRenderer.RenderWithMarkdig(line, Width)));
        }
    }

    [TestCase("Some _underscored_ words")]
    [TestCase("see https://x.y/z and **this**")]
    [TestCase("**bold**text")]
    [TestCase("- [x] done")]
    [TestCase("***both***")]
    [TestCase("~~gone~~")]
    public void LinesOutsideTheSubset_AreLeftToMarkdig(string line)
    {
        Assert.That(SimpleLineRenderer.TryRender(line), Is.Null);
        Assert.That(MarkdownLineRenderer.RenderLine(line, Width), Is.EqualTo(MarkdownLineRenderer.RenderWithMarkdig(line, Width)));
    }

    [Test]
    public void RandomLines_TakenByTheSimplePath_RenderAsMarkdigWould()
    {
        var random = new Random(1234);
        var taken = 0;
        for (var n = 0; n < 20000; n++)
        {
            var line = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Fragments[random.Next(Fragments.Length)]));
            if (SimpleLineRenderer.TryRender(line) is { } simple)
            {
                taken++;
                Assert.That(simple, Is.EqualTo(MarkdownLineRenderer.RenderWithMarkdig(line, Width)), $"line: {line}");
            }
        }

        // The comparison means something only if the simple path took a good share of the lines.
        Assert.That(taken, Is.GreaterThan(1000));
    }

    [Test]
    public void SimpleTables_AreReadWithoutMarkdig_AsMarkdigReadsThem()
    {
        string[][] tables =
        [
            ["| method | stable | cost |", "|:--|:-:|--:|", "| Array.Sort | no | n log n |", "| OrderBy | yes | n log n |"],
            ["| change | allocations | time |", "|---|--:|--:|", "| before | 1.2 MB | 41 ms |", "| after | 12 KB | 17 ms |"],
            ["| **a** | `b` | [c](http://d) |", "| --- | :---: | ---: |", "| *x* | y | z |"],
            ["| only | header |", "|---|---|"],
        ];

        foreach (var table in tables)
        {
            var simple = SimpleTableParser.TryParse(table);
            var markdig = MarkdownLineRenderer.ParseTableWithMarkdig(table);

            Assert.That(simple, Is.Not.Null, string.Join('\n', table));
            Assert.That(Describe(simple!), Is.EqualTo(Describe(markdig!)), string.Join('\n', table));
        }
    }

    [TestCase("| a | b |", "|---|---|", "| 1 | 2 | 3 |")]
    [TestCase("| a | b |", "|---|", "| 1 | 2 |")]
    [TestCase("|a|b|", "|---|---|", "|1|2|")]
    [TestCase("| a \\| b | c |", "|---|---|", "| 1 | 2 |")]
    [TestCase("| a | b |", "|-x-|---|", "| 1 | 2 |")]
    [TestCase("| a | `b | c` |", "|---|---|", "| 1 | 2 |")]
    [TestCase("| a | ~~b~~ |", "|---|---|", "| 1 | 2 |")]
    [TestCase("| a |  |", "|---|---|", "| 1 | 2 |")]
    public void UnusualTables_AreLeftToMarkdig(string header, string delimiter, string row)
    {
        Assert.That(SimpleTableParser.TryParse([header, delimiter, row]), Is.Null);
    }

    private static string Describe(TableCells table) =>
        string.Join('\n', table.Rows.Select(r => $"{r.Header}: {string.Join(" ¦ ", r.Cells.Select(c => $"{c}/{c.Width}"))}")) +
        "\n" + string.Join(',', table.Alignments.Select(a => a?.ToString() ?? "none"));
}
