using PatCode.Core.Commands;

namespace PatCode.Core.Tests.Commands;

public sealed class CommandLineSplitterTests
{
    [TestCase("plugins enable Alpha", new[] { "plugins", "enable", "Alpha" })]
    [TestCase("  load   \"my file.cs\"  ", new[] { "load", "my file.cs" })]
    [TestCase("export 'a b' c", new[] { "export", "a b", "c" })]
    [TestCase("x \"\"", new[] { "x", "" })]
    public void Split_KeepsQuotedWordsWhole(string line, string[] expected) => Assert.That(CommandLineSplitter.Split(line), Is.EqualTo(expected));

    [Test]
    public void Suggestions_FindNearNames() =>
        Assert.That(NameSuggestions.Closest("gti", ["git", "analyze", "plugins", "GitHelper"]), Does.Contain("git").And.Not.Contain("analyze"));

    [Test]
    public void Hint_IsEmptyWhenNothingIsClose() => Assert.That(NameSuggestions.Hint("zzzzzz", ["git", "plugins"]), Is.Empty);
}
