using PatCode.Plugins.CodeExplainer;
using PatCode.Sdk;

namespace PatCode.Plugins.Builtin.Tests.CodeExplainer;

public sealed class CodeLocatorTests
{
    [Test]
    public void FindInMessage_TwoFencedBlocks_ReturnsBothWithTheirTags()
    {
        var input = "explain this code\n```python\ndef f(x):\n    return x * 2\n```\nand\n~~~js\nconsole.log(1)\n~~~\n";

        var snippets = CodeLocator.FindInMessage(input);

        Assert.That(snippets, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(snippets[0].FenceTag, Is.EqualTo("python"));
            Assert.That(snippets[0].Code, Is.EqualTo("def f(x):\n    return x * 2"));
            Assert.That(snippets[0].LineCount, Is.EqualTo(2));
            Assert.That(snippets[1].FenceTag, Is.EqualTo("js"));
            Assert.That(snippets[1].Code, Is.EqualTo("console.log(1)"));
        });
    }

    [Test]
    public void FindInMessage_UnclosedFence_TakesTheRestOfTheMessage()
    {
        var snippets = CodeLocator.FindInMessage("what does this code do\r\n```\nint a = 1;\nint b = 2;\n");

        Assert.That(snippets.Single().Code, Is.EqualTo("int a = 1;\nint b = 2;"));
    }

    [Test]
    public void FindInMessage_NoFence_ReturnsNothing()
    {
        Assert.That(CodeLocator.FindInMessage("explain this code: x = 1"), Is.Empty);
    }

    [Test]
    public void FindInFiles_MessageNamesAFile_PicksOnlyThatFile()
    {
        var files = new[] { new ContextFile("/src/Program.cs", "class P {}"), new ContextFile("/src/util.py", "def f(): pass") };

        var snippets = CodeLocator.FindInFiles("explain util.py", files, maxFiles: 3);

        Assert.That(snippets.Select(s => s.FilePath), Is.EqualTo(new[] { "/src/util.py" }));
    }

    [Test]
    public void FindInFiles_NoFileNamed_TakesLoadedFilesUpToTheCap()
    {
        var files = Enumerable.Range(1, 5).Select(i => new ContextFile($"/src/f{i}.cs", "class C {}")).ToList();

        var snippets = CodeLocator.FindInFiles("explain this code", files, maxFiles: 3);

        Assert.That(snippets.Select(s => s.FilePath), Is.EqualTo(new[] { "/src/f1.cs", "/src/f2.cs", "/src/f3.cs" }));
    }
}
