using PatCode.Core.Security;

namespace PatCode.Core.Tests.Security;

public sealed class TerminalSanitizerTests
{
    [TestCase("plain text\twith tab\nand newline", "plain text\twith tab\nand newline")]
    [TestCase("café ✓ 日本", "café ✓ 日本")]
    [TestCase("\u001b[31mred\u001b[0m", "red")]
    [TestCase("Untrusted\u001b[2K\u001b[1GActive built-in", "UntrustedActive built-in")]
    [TestCase("row\u001b[1A\u001b[2Kfake", "rowfake")]
    [TestCase("\u001b]0;pwned title\u0007after", "after")]
    [TestCase("\u001b]52;c;ZWNobyBwd25lZA==\u001b\\after", "after")]
    [TestCase("\u009b31mC1 csi", "C1 csi")]
    [TestCase("\u009d52;c;Zm9v\u009cafter", "after")]
    [TestCase("\u001bPdcs payload\u001b\\x", "x")]
    [TestCase("bell\u0007 back\bspace", "bell backspace")]
    [TestCase("over\rwrite", "overwrite")]
    [TestCase("windows\r\nline", "windows\nline")]
    [TestCase("\u001bcreset", "reset")]
    [TestCase("\u001b(Bcharset", "charset")]
    [TestCase("rtl \u202eevil\u202c end", "rtl evil end")]
    public void Sanitize_RemovesControlSequencesAndKeepsText(string input, string expected) =>
        Assert.That(TerminalText.Sanitize(input), Is.EqualTo(expected));

    [Test]
    public void Sanitize_ASequenceSplitAcrossChunks_IsDroppedWhole()
    {
        var sanitizer = new TerminalSanitizer();

        var shown = sanitizer.Sanitize("answer \u001b") + sanitizer.Sanitize("]52;c;Zm9v") + sanitizer.Sanitize("YmFy\u0007 done");

        Assert.That(shown, Is.EqualTo("answer  done"));
        Assert.That(sanitizer.InsideSequence, Is.False);
    }

    [Test]
    public void Sanitize_AnUnterminatedControlString_DoesNotSwallowEverything()
    {
        var text = "\u001b]0;" + new string('x', 10_000) + "visible";

        Assert.That(TerminalText.Sanitize(text), Does.EndWith("visible"));
    }

    [Test]
    public void Sanitize_AnInvalidControlSequence_StopsAtTheOffendingCharacter()
    {
        Assert.That(TerminalText.Sanitize("\u001b[12\nnext"), Is.EqualTo("\nnext"));
    }

    [Test]
    public void SanitizeLine_FlattensNewlinesAndTabs() =>
        Assert.That(TerminalText.SanitizeLine("name\nwith\tbreaks\u001b[2J"), Is.EqualTo("name with breaks"));

    [Test]
    public void Sanitize_PlainAscii_ReturnsTheSameText()
    {
        var text = "nothing to do here";

        Assert.That(new TerminalSanitizer().Sanitize(text), Is.EqualTo(text));
    }
}
