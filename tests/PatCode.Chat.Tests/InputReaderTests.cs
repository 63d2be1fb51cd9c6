using PatCode.Chat.Repl;

namespace PatCode.Chat.Tests;

[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class InputReaderTests
{
    [Test]
    public async Task ReadAsync_PlainLine_IsOneMessage()
    {
        var reader = new InputReader(new StringReader("hello there\nsecond"));

        Assert.That(await reader.ReadAsync(null, CancellationToken.None), Is.EqualTo("hello there"));
        Assert.That(reader.LastWasFenced, Is.False);
        Assert.That(await reader.ReadAsync(null, CancellationToken.None), Is.EqualTo("second"));
        Assert.That(await reader.ReadAsync(null, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ReadAsync_TripleQuotedBlock_KeepsItsLineBreaks()
    {
        var reader = new InputReader(new StringReader("\"\"\"Explain this:\nint x = 1;\n  return x;\n\"\"\"\nnext"));

        Assert.That(await reader.ReadAsync(null, CancellationToken.None), Is.EqualTo("Explain this:\nint x = 1;\n  return x;\n"));
        Assert.That(reader.LastWasFenced, Is.True);
        Assert.That(await reader.ReadAsync(null, CancellationToken.None), Is.EqualTo("next"));
    }

    [Test]
    public async Task ReadAsync_BlockOpenedOnItsOwnLine_StartsWithTheNextLine()
    {
        var reader = new InputReader(new StringReader("\"\"\"\nline one\nline two\"\"\""));

        Assert.That(await reader.ReadAsync(null, CancellationToken.None), Is.EqualTo("line one\nline two"));
    }

    [Test]
    public async Task ReadAsync_BlockOnOneLine_IsItsContent()
    {
        var reader = new InputReader(new StringReader("\"\"\"/not a command\"\"\""));

        Assert.That(await reader.ReadAsync(null, CancellationToken.None), Is.EqualTo("/not a command"));
        Assert.That(reader.LastWasFenced, Is.True);
    }

    [Test]
    public async Task ReadAsync_EndOfInputInsideABlock_KeepsWhatWasTyped()
    {
        var reader = new InputReader(new StringReader("\"\"\"unfinished\nthought"));

        Assert.That(await reader.ReadAsync(null, CancellationToken.None), Is.EqualTo("unfinished\nthought"));
    }

    [Test]
    public async Task ReadAsync_PromptsForEachContinuationLine()
    {
        var prompts = new List<string>();
        var reader = new InputReader(new StringReader("\"\"\"a\nb\n\"\"\""));

        await reader.ReadAsync(prompts.Add, CancellationToken.None);

        Assert.That(prompts, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ReadAsync_LinesArrivingTogether_AreOnePastedMessage()
    {
        var source = new StringReader("/usr/bin/env is the first line\nsecond line\nthird line\ntyped later");
        var pending = new Queue<bool>([true, true, false, false]);
        var reader = new InputReader(source, () => pending.Count > 0 && pending.Dequeue());

        Assert.That(await reader.ReadAsync(null, CancellationToken.None), Is.EqualTo("/usr/bin/env is the first line\nsecond line\nthird line"));
        Assert.That(reader.LastWasFenced, Is.True, "a pasted block starting with / is text");
        Assert.That(await reader.ReadAsync(null, CancellationToken.None), Is.EqualTo("typed later"));
        Assert.That(reader.LastWasFenced, Is.False);
    }
}
