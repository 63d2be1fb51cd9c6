using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Chat.Repl.Editing;

namespace PatCode.Chat.Tests.Repl.Editing;

[Parallelizable(ParallelScope.All)]
public sealed class LineEditorTests
{
    private const string Prompt = ">>> ";

    [Test]
    public void ReadlineKeys_MoveAndEditWithinTheLine()
    {
        // Ctrl+A, insert; Ctrl+E, insert; Alt+B back a word, Ctrl+K kill to the end, Ctrl+Y yank it back twice.
        var (outcome, text) = ReadOne("hello world\u0001>\u0005!\u001bb\u000b\u0019\u0019\r");

        Assert.That(outcome, Is.EqualTo(EditorOutcome.Submitted));
        Assert.That(text, Is.EqualTo(">hello world!world!"));
    }

    [Test]
    public void CtrlW_KillsTheWordBefore_AndArrowsAndDeleteWork()
    {
        var (_, text) = ReadOne("git commit -m wip\u0017fix\u001b[D\u001b[D\u001b[3~\u001b[1;5Dx\r");

        Assert.That(text, Is.EqualTo("git commit -m xfx"));
    }

    [Test]
    public void UpAndDown_WalkTheHistory_AndDownReturnsToWhatWasBeingTyped()
    {
        var terminal = new FakeTerminal().Type("draft\u001b[A\u001b[A\u001b[B\u001b[B\r");
        var editor = Editor(terminal, "first", "second");

        editor.ReadLine(Prompt, out var text, CancellationToken.None);

        Assert.That(text, Is.EqualTo("draft"));
        var recalled = new FakeTerminal().Type("\u001b[A\u001b[A\r");
        Editor(recalled, "first", "second").ReadLine(Prompt, out var older, CancellationToken.None);
        Assert.That(older, Is.EqualTo("first"));
    }

    [Test]
    public void CtrlR_FindsTheNewestMatch_AgainForOlderOnes_AndEnterSendsIt()
    {
        var terminal = new FakeTerminal().Type("\u0012git").Type("\u0012").Type("\r");
        var editor = Editor(terminal, "git status", "make test", "git push");

        editor.ReadLine(Prompt, out var text, CancellationToken.None);

        Assert.That(text, Is.EqualTo("git status"));
        Assert.That(terminal.Written, Does.Contain("(reverse-i-search)`git': git push"));
    }

    [Test]
    public void CtrlR_ThenAnEditingKey_TakesTheMatchIntoTheLine_AndCtrlGRestores()
    {
        var (_, edited) = ReadOne("\u0012make\u0005 -j4\r", "make test", "ls");
        var (_, restored) = ReadOne("typed\u0012make\u0007\r", "make test");

        Assert.That(edited, Is.EqualTo("make test -j4"));
        Assert.That(restored, Is.EqualTo("typed"));
    }

    [Test]
    public void Tab_CompletesASingleCandidate_AndAddsTheCommonPrefixOfSeveral_AndTabTabListsThem()
    {
        var completer = new ListCompleter("/plugins", "/models", "/model");
        var terminal = new FakeTerminal(width: 60).Type("/plu\t").Type("\u0015/mo\t").Type("\t").Type("\t\r");
        var editor = new LineEditor(terminal, InputHistory.Load(null, 0, NullLogger.Instance), completer);

        editor.ReadLine(Prompt, out var text, CancellationToken.None);

        Assert.That(text, Is.EqualTo("/model"));
        Assert.That(terminal.Written, Does.Contain(Prompt + "/plugins "));
        Assert.That(terminal.Written, Does.Contain("/model   /models"), "Tab twice lists the candidates");
    }

    [Test]
    public void APaste_GoesIntoTheLineWithItsLineBreaks_WithoutControlSequences_AndEnterSendsItWhole()
    {
        var (_, text) = ReadOne("\u001b[200~line one\r\u001b[31mline two\u001b[0m\rline three\u001b[201~\r");

        Assert.That(text, Is.EqualTo("line one\nline two\nline three"));
    }

    [Test]
    public void LinesTypedAhead_StayForTheNextRead()
    {
        var terminal = new FakeTerminal().Type("/set verbose\rand then?\r");
        var editor = Editor(terminal);

        editor.ReadLine(Prompt, out var first, CancellationToken.None);
        editor.ReadLine(Prompt, out var second, CancellationToken.None);

        Assert.That(new[] { first, second }, Is.EqualTo(new[] { "/set verbose", "and then?" }));
        Assert.That(terminal.EditModeEntered, Is.EqualTo(2));
        Assert.That(terminal.InEditMode, Is.False, "the terminal is back in its normal mode between lines");
    }

    [Test]
    public void CtrlC_DropsALineWithText_AndOnAnEmptyLineInterrupts_CtrlDOnAnEmptyLineEnds()
    {
        var terminal = new FakeTerminal().Type("oops\u0003").Type("\u0003");
        var editor = Editor(terminal);

        Assert.That(editor.ReadLine(Prompt, out _, CancellationToken.None), Is.EqualTo(EditorOutcome.Interrupted));
        Assert.That(TerminalScreen.Of(terminal.Written, 40).Lines, Does.Contain(Prompt + "oops^C"));
        Assert.That(ReadOne("\u0004").Outcome, Is.EqualTo(EditorOutcome.EndOfInput));
        Assert.That(ReadOne("ab\u0001\u0004\r").Text, Is.EqualTo("b"), "Ctrl+D with text deletes under the cursor");
    }

    [Test]
    public void ALongLine_WrapsOnTheScreen_AndEditingInItsMiddleRedrawsItInPlace()
    {
        var line = string.Concat(Enumerable.Range(0, 12).Select(i => $"word{i:00} "));
        var terminal = new FakeTerminal(width: 30).Type(line).Type("\u0001\u001bf\u001bfX").Type("\r");
        var editor = Editor(terminal);
        terminal.Write("earlier output\n");

        editor.ReadLine(Prompt, out var text, CancellationToken.None);

        Assert.That(text, Is.EqualTo(line.Insert(13, "X")));
        var screen = TerminalScreen.Of(terminal.Written, 30).Lines;
        var shown = string.Concat(screen.SkipWhile(l => !l.StartsWith(Prompt, StringComparison.Ordinal)).Select(l => l.PadRight(30)))[..(Prompt.Length + text.Length)];
        Assert.That(shown, Is.EqualTo(Prompt + text), "the wrapped rows read as the line, once");
    }

    private static (EditorOutcome Outcome, string Text) ReadOne(string keys, params string[] history)
    {
        var editor = Editor(new FakeTerminal().Type(keys), history);
        var outcome = editor.ReadLine(Prompt, out var text, CancellationToken.None);
        return (outcome, text);
    }

    private static LineEditor Editor(FakeTerminal terminal, params string[] history)
    {
        var entries = InputHistory.Load(null, 0, NullLogger.Instance);
        foreach (var entry in history)
        {
            entries.Add(entry);
        }

        return new LineEditor(terminal, entries, completer: null);
    }

    private sealed class ListCompleter(params string[] candidates) : ICompleter
    {
        public CompletionResult Complete(string beforeCursor) =>
            new(0, candidates.Where(c => c.StartsWith(beforeCursor, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList());
    }
}
