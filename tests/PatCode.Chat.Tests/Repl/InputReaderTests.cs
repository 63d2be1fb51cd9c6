using PatCode.Chat.Repl;

namespace PatCode.Chat.Tests.Repl;

[Parallelizable(ParallelScope.All)]
public sealed class InputReaderTests
{
    [Test]
    public async Task ReadAsync_PlainLine_IsOneMessage()
    {
        var reader = new InputReader(new ScriptedLines("hello there", "second"));

        Assert.That(await reader.ReadAsync(CancellationToken.None), Is.EqualTo("hello there"));
        Assert.That(reader.LastWasFenced, Is.False);
        Assert.That(await reader.ReadAsync(CancellationToken.None), Is.EqualTo("second"));
        Assert.That(await reader.ReadAsync(CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ReadAsync_TripleQuotedBlock_KeepsItsLineBreaks()
    {
        var reader = new InputReader(new ScriptedLines("\"\"\"Explain this:", "int x = 1;", "  return x;", "\"\"\"", "next"));

        Assert.That(await reader.ReadAsync(CancellationToken.None), Is.EqualTo("Explain this:\nint x = 1;\n  return x;\n"));
        Assert.That(reader.LastWasFenced, Is.True);
        Assert.That(await reader.ReadAsync(CancellationToken.None), Is.EqualTo("next"));
    }

    [Test]
    public async Task ReadAsync_BlockOpenedOnItsOwnLine_StartsWithTheNextLine()
    {
        var reader = new InputReader(new ScriptedLines("\"\"\"", "line one", "line two\"\"\""));

        Assert.That(await reader.ReadAsync(CancellationToken.None), Is.EqualTo("line one\nline two"));
    }

    [Test]
    public async Task ReadAsync_BlockOnOneLine_IsItsContent()
    {
        var reader = new InputReader(new ScriptedLines("\"\"\"/not a command\"\"\""));

        Assert.That(await reader.ReadAsync(CancellationToken.None), Is.EqualTo("/not a command"));
        Assert.That(reader.LastWasFenced, Is.True);
    }

    [Test]
    public async Task ReadAsync_EndOfInputInsideABlock_KeepsWhatWasTyped()
    {
        var reader = new InputReader(new ScriptedLines("\"\"\"unfinished", "thought"));

        Assert.That(await reader.ReadAsync(CancellationToken.None), Is.EqualTo("unfinished\nthought"));
    }

    [Test]
    public async Task ReadAsync_PromptsForTheFirstLineAndEachContinuationLine()
    {
        var lines = new ScriptedLines("\"\"\"a", "b", "\"\"\"");
        var reader = new InputReader(lines);

        await reader.ReadAsync(CancellationToken.None);

        Assert.That(lines.Prompts, Is.EqualTo(new[] { ">>> ", "... ", "... " }));
    }

    [Test]
    public async Task ReadAsync_ALineHoldingLineBreaks_IsOneMessageAndItsSlashIsText()
    {
        // What the editor returns for a bracketed paste of three lines.
        var reader = new InputReader(new ScriptedLines("/usr/bin/env is the first line\nsecond line\nthird line", "/set verbose"));

        Assert.That(await reader.ReadAsync(CancellationToken.None), Is.EqualTo("/usr/bin/env is the first line\nsecond line\nthird line"));
        Assert.That(reader.LastWasFenced, Is.True, "a pasted block starting with / is text");
        Assert.That(await reader.ReadAsync(CancellationToken.None), Is.EqualTo("/set verbose"));
        Assert.That(reader.LastWasFenced, Is.False, "a typed line starting with / is a command");
    }
}
