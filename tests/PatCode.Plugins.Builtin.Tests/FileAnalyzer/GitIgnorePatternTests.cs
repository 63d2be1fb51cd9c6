using PatCode.Plugins.FileAnalyzer;

namespace PatCode.Plugins.Builtin.Tests.FileAnalyzer;

public sealed class GitIgnorePatternTests
{
    [TestCase("*.log", "debug.log", false, true)]
    [TestCase("*.log", "a/b/debug.log", false, true)]
    [TestCase("*.log", "debug.log.txt", false, false)]
    [TestCase("/build", "build", true, true)]
    [TestCase("/build", "src/build", true, false)]
    [TestCase("docs/*.md", "docs/a.md", false, true)]
    [TestCase("docs/*.md", "docs/sub/a.md", false, false)]
    [TestCase("**/temp", "temp", true, true)]
    [TestCase("**/temp", "a/b/temp", true, true)]
    [TestCase("a/**/b", "a/b", true, true)]
    [TestCase("a/**/b", "a/x/y/b", true, true)]
    [TestCase("logs/", "logs", true, true)]
    [TestCase("logs/", "logs", false, false)]
    [TestCase("file?.txt", "file1.txt", false, true)]
    [TestCase("file?.txt", "file10.txt", false, false)]
    [TestCase("[ab].txt", "a.txt", false, true)]
    [TestCase("[!ab].txt", "a.txt", false, false)]
    [TestCase("[!ab].txt", "c.txt", false, true)]
    [TestCase("\\#hash", "#hash", false, true)]
    [TestCase("trailing   ", "trailing", false, true)]
    public void Matches_GitIgnoreSyntax_FollowsGitRules(string line, string path, bool isDirectory, bool expected)
    {
        var pattern = GitIgnorePattern.Parse(line, "");

        Assert.That(pattern, Is.Not.Null);
        Assert.That(pattern!.Matches(path, isDirectory), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("# a comment")]
    public void Parse_BlankOrComment_IsNoPattern(string line)
    {
        Assert.That(GitIgnorePattern.Parse(line, ""), Is.Null);
    }

    [Test]
    public void Matches_PatternFromANestedGitIgnore_AppliesOnlyBelowIt()
    {
        var pattern = GitIgnorePattern.Parse("*.tmp", "sub/")!;

        Assert.Multiple(() =>
        {
            Assert.That(pattern.Matches("sub/x.tmp", false), Is.True);
            Assert.That(pattern.Matches("sub/deeper/x.tmp", false), Is.True);
            Assert.That(pattern.Matches("x.tmp", false), Is.False);
            Assert.That(pattern.Matches("subway/x.tmp", false), Is.False);
        });
    }

    [Test]
    public void Parse_Negation_IsMarked()
    {
        var pattern = GitIgnorePattern.Parse("!keep.log", "")!;

        Assert.Multiple(() =>
        {
            Assert.That(pattern.IsNegation, Is.True);
            Assert.That(pattern.Matches("keep.log", false), Is.True);
        });
    }
}
