using System.Text;
using PatCode.Chat.Terminal;

namespace PatCode.Chat.Tests.Terminal;

[Parallelizable(ParallelScope.All)]
public sealed class KeyDecoderTests
{
    [Test]
    public void PrintableTextAndUtf8_SplitAnywhere_AreCharacters()
    {
        var decoder = new KeyDecoder();
        var bytes = Encoding.UTF8.GetBytes("aé€😀");
        foreach (var b in bytes)
        {
            decoder.Feed([b]);
        }

        Assert.That(ReadAll(decoder).Select(k => k.Text), Is.EqualTo(new[] { "a", "é", "€", "😀" }));
    }

    [TestCase("\u001b[A", nameof(KeyKind.Up))]
    [TestCase("\u001bOA", nameof(KeyKind.Up))]
    [TestCase("\u001b[B", nameof(KeyKind.Down))]
    [TestCase("\u001b[C", nameof(KeyKind.Right))]
    [TestCase("\u001bOD", nameof(KeyKind.Left))]
    [TestCase("\u001b[H", nameof(KeyKind.Home))]
    [TestCase("\u001b[4~", nameof(KeyKind.End))]
    [TestCase("\u001b[3~", nameof(KeyKind.Delete))]
    [TestCase("\u001b[Z", nameof(KeyKind.BackTab))]
    [TestCase("\r", nameof(KeyKind.Enter))]
    [TestCase("\t", nameof(KeyKind.Tab))]
    [TestCase("\u007f", nameof(KeyKind.Backspace))]
    public void Sequences_AreTheirKeys(string input, string expected)
    {
        var decoder = new KeyDecoder();
        decoder.Feed(Encoding.ASCII.GetBytes(input));

        Assert.That(ReadAll(decoder).Single().Kind.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Modifiers_CtrlArrowsAltLettersAndControlKeys()
    {
        var decoder = new KeyDecoder();
        decoder.Feed(Encoding.ASCII.GetBytes("\u001b[1;5D\u001b[1;3C\u001bb\u0001\u0017"));

        var keys = ReadAll(decoder);

        Assert.That(keys[0], Is.EqualTo(new KeyPress(KeyKind.Left, Ctrl: true)));
        Assert.That(keys[1], Is.EqualTo(new KeyPress(KeyKind.Right, Alt: true)));
        Assert.That(keys[2].IsAlt('b'), Is.True);
        Assert.That(keys[3].IsControl('a'), Is.True);
        Assert.That(keys[4].IsControl('w'), Is.True);
    }

    [Test]
    public void ALoneEscape_WaitsForMore_AndIsTheEscapeKeyWhenInputGoesIdle()
    {
        var decoder = new KeyDecoder();
        decoder.Feed([0x1b]);

        Assert.That(decoder.TryRead(out _), Is.False, "it may be the start of a sequence");
        Assert.That(decoder.TryRead(out var key, inputIdle: true), Is.True);
        Assert.That(key.Kind, Is.EqualTo(KeyKind.Escape));
    }

    [Test]
    public void ABracketedPaste_ArrivingInPieces_IsOnePasteWithLineBreaks_AndKeysAfterItStayKeys()
    {
        var decoder = new KeyDecoder();
        var input = Encoding.UTF8.GetBytes("\u001b[200~line one\rline two\r\nline three\u001b[201~\r");
        for (var i = 0; i < input.Length; i += 3)
        {
            decoder.Feed(input.AsSpan(i, Math.Min(3, input.Length - i)));
        }

        var keys = ReadAll(decoder);

        Assert.That(keys, Has.Count.EqualTo(2));
        Assert.That(keys[0], Is.EqualTo(new KeyPress(KeyKind.Paste, "line one\nline two\nline three")));
        Assert.That(keys[1].Kind, Is.EqualTo(KeyKind.Enter), "Enter after the paste is a key again");
    }

    [Test]
    public void ATypedAheadCtrlD_WhichLinuxStoresAsNul_IsCtrlAt()
    {
        var decoder = new KeyDecoder();
        decoder.Feed([0]);

        Assert.That(ReadAll(decoder).Single(), Is.EqualTo(KeyPress.Control('@')));
    }

    private static List<KeyPress> ReadAll(KeyDecoder decoder)
    {
        var keys = new List<KeyPress>();
        while (decoder.TryRead(out var key))
        {
            keys.Add(key);
        }

        return keys;
    }
}
