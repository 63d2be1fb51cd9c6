using PatCode.Chat.Answers.Markdown;

namespace PatCode.Chat.Tests.Answers.Markdown;

[Parallelizable(ParallelScope.All)]
public sealed class MarkdownStreamRendererTests
{
    private const int Width = 100;

    private const string Answer = """
        # Sorting in C#

        Use **`Array.Sort`** for *most* cases; see [the docs](https://learn.microsoft.com/sort) or ~~LINQ~~.

        1. Put the data in an array
        2. Call the sort
           - it sorts in place

        > Quicksort is *usually* fast.

        | method | stable | cost |
        |:--|:-:|--:|
        | Array.Sort | no | n log n |
        | OrderBy | yes | n log n |

        ```csharp
        var xs = new[] { 3, 1, 2 };
        Array.Sort(xs);
        ```

        ---
        Done.
        """;

    [Test]
    public void AnAnswerStreamedInFourCharacterPieces_EndsUpRendered()
    {
        var (output, _) = Render(Answer, pieceLength: 4);

        var screen = TerminalScreen.Of(output, Width).Lines;
        Assert.That(screen, Does.Contain("Sorting in C#"));
        Assert.That(screen, Does.Contain("Use Array.Sort for most cases; see the docs (https://learn.microsoft.com/sort) or LINQ."));
        Assert.That(screen, Does.Contain("1. Put the data in an array").And.Contain("2. Call the sort").And.Contain("   ◦ it sorts in place"));
        Assert.That(screen, Does.Contain("│ Quicksort is usually fast."));
        Assert.That(screen, Does.Contain("┌────────────┬────────┬─────────┐"));
        Assert.That(screen, Does.Contain("│ method     │ stable │    cost │"));
        Assert.That(screen, Does.Contain("│ Array.Sort │   no   │ n log n │"));
        Assert.That(screen, Has.Some.StartsWith("╭─ csharp ─"));
        Assert.That(screen, Does.Contain("│ var xs = new[] { 3, 1, 2 };").And.Contain("│ Array.Sort(xs);"));
        Assert.That(screen, Has.Some.Match("^╰─+$").And.Some.Match("^─+$"));
        Assert.That(screen.Last(l => l.Length > 0), Is.EqualTo("Done."));
        Assert.That(string.Join('\n', screen), Does.Not.Contain("**").And.Not.Contain("```").And.Not.Contain("|:--").And.Not.Contain("# "));
    }

    [Test]
    public void StylesAreAnsi_BoldItalicStrikeCodeLinkAndHeading()
    {
        var (output, _) = Render("## Title\n**bold** *it* ~~gone~~ `code` [text](http://x.y)\n", pieceLength: 3);

        Assert.That(output, Does.Contain("\u001b[35m\u001b[1mTitle\u001b[22m\u001b[39m"));
        Assert.That(output, Does.Contain("\u001b[1mbold\u001b[22m").And.Contain("\u001b[3mit\u001b[23m").And.Contain("\u001b[9mgone\u001b[29m"));
        Assert.That(output, Does.Contain("\u001b[36mcode\u001b[39m").And.Contain("\u001b[4mtext\u001b[24m").And.Contain("\u001b[2m (http://x.y)\u001b[22m"));
    }

    [Test]
    public void TheFirstWords_AreShownAtOnce_NotWhenTheLineEnds()
    {
        var (_, writes) = Render("Hello there, **world**\n", pieceLength: 5);

        Assert.That(writes[0], Is.EqualTo("Hello"));
        Assert.That(writes[1], Is.EqualTo(" ther"));
    }

    [Test]
    public void ProseWithoutMarkup_IsNeverRewritten()
    {
        const string Prose = "Plain words, nothing special here.\nA second line.\n";
        var (output, _) = Render(Prose, pieceLength: 4);

        Assert.That(output, Is.EqualTo(Prose));
    }

    [Test]
    public void AnUnclosedFence_IsClosedWhenTheAnswerEnds_AndAPartialLastLineIsRendered()
    {
        var (output, _) = Render("```\ncode\n", pieceLength: 2);
        var (last, _) = Render("ends with **bold**", pieceLength: 4);

        Assert.That(TerminalScreen.Of(output, Width).Lines, Has.Some.Match("^╰─+$"));
        Assert.That(TerminalScreen.Of(last, Width).Lines[0], Is.EqualTo("ends with bold"));
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(64)]
    public void TheScreen_IsTheSame_WhateverThePiecesAre(int pieceLength)
    {
        var (whole, _) = Render(Answer, pieceLength: Answer.Length);
        var (pieces, _) = Render(Answer, pieceLength);

        Assert.That(TerminalScreen.Of(pieces, Width).Lines, Is.EqualTo(TerminalScreen.Of(whole, Width).Lines));
    }

    [Test]
    public void BlocksSplitAcrossPieces_RenderAsWhole()
    {
        string[] pieces = ["Some **bo", "ld** and *it", "alic* with `co", "de`\n- it", "em one\n1", "0. ten\n``", "`py\npri", "nt(1)\n`", "``\n| a ", "| b |\n|--", "-|--:|\n| 1 | 2", "2 |\nafter"];
        var writer = new RecordingWriter();
        var renderer = new MarkdownStreamRenderer(writer, () => Width, () => 40);
        foreach (var piece in pieces)
        {
            renderer.Write(piece);
        }

        renderer.Complete();

        var screen = TerminalScreen.Of(writer.ToString(), Width).Lines;
        Assert.That(screen, Does.Contain("Some bold and italic with code"));
        Assert.That(screen, Does.Contain("• item one").And.Contain("10. ten"));
        Assert.That(screen, Has.Some.StartsWith("╭─ py ─"));
        Assert.That(screen, Does.Contain("│ print(1)"));
        Assert.That(screen, Does.Contain("│ a │  b │").And.Contain("│ 1 │ 22 │"));
        Assert.That(screen.Last(l => l.Length > 0), Is.EqualTo("after"));
        Assert.That(writer.ToString(), Does.Contain("\u001b[1mbold\u001b[22m").And.Contain("\u001b[3mitalic\u001b[23m").And.Contain("\u001b[36mcode\u001b[39m"));
    }

    private static (string Output, List<string> Writes) Render(string markdown, int pieceLength)
    {
        var writer = new RecordingWriter();
        var renderer = new MarkdownStreamRenderer(writer, () => Width, () => 40);
        for (var i = 0; i < markdown.Length; i += pieceLength)
        {
            renderer.Write(markdown.Substring(i, Math.Min(pieceLength, markdown.Length - i)));
        }

        renderer.Complete();
        return (writer.ToString(), writer.Writes);
    }

    private sealed class RecordingWriter : StringWriter
    {
        public List<string> Writes { get; } = [];

        public override void Write(System.Text.StringBuilder? value)
        {
            Writes.Add(value?.ToString() ?? "");
            base.Write(value);
        }
    }
}
