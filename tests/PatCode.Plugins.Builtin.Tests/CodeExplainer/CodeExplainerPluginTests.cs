using PatCode.Plugins.Builtin.Tests.Support;
using PatCode.Plugins.CodeExplainer;
using PatCode.Sdk;
using PatCode.Sdk.Testing;

namespace PatCode.Plugins.Builtin.Tests.CodeExplainer;

public sealed class CodeExplainerPluginTests
{
    private readonly CodeExplainerPlugin _plugin = new();

    [Test]
    public void Metadata_IsCodeExplainerAtHighPriority()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_plugin.Metadata.Name, Is.EqualTo("CodeExplainer"));
            Assert.That(_plugin.Metadata.Priority, Is.EqualTo(PluginPriority.High));
        });
    }

    [Test]
    public async Task ExecuteAsync_SpanishRequestWithPythonBlock_AddsStructuredInstructions()
    {
        var context = new TestPluginContext("¿Qué hace este código?\n```\ndef fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\n```");

        Assert.That(_plugin.CanHandle(context), Is.True);
        var result = await _plugin.ExecuteAsync(context, CancellationToken.None);

        Assert.That(result.Success, Is.True);
        var section = context.Sections.Single();
        Assert.Multiple(() =>
        {
            Assert.That(section.Title, Is.EqualTo("Code explanation"));
            Assert.That(section.Content, Does.Contain("in Python"));
            Assert.That(section.Content, Does.Contain("answer in Spanish"));
            Assert.That(section.Content, Does.Contain("Summary"));
            Assert.That(section.Content, Does.Contain("Line by line"));
            Assert.That(section.Content, Does.Contain("time and space complexity"));
            Assert.That(section.Content, Does.Contain("Issues and improvements"));
            Assert.That(section.Content, Does.Contain("Use cases"));
            Assert.That(section.Content, Does.Contain("fenced block 1 of the user's message, Python, 2 lines"));
        });
    }

    [Test]
    public async Task ExecuteAsync_NoBlockButLoadedFile_IncludesTheFileWithItsLanguage()
    {
        var file = new ContextFile("/work/src/Sorter.cs", "public static class Sorter\n{\n    public static void Sort(int[] a) { foreach (var x in a) { } }\n}");
        var context = new TestPluginContext("explain this code", files: [file]);

        await _plugin.ExecuteAsync(context, CancellationToken.None);

        var content = context.Sections.Single().Content;
        Assert.Multiple(() =>
        {
            Assert.That(content, Does.Contain("file /work/src/Sorter.cs, C#, 4 lines:"));
            Assert.That(content, Does.Contain("```csharp\npublic static class Sorter"));
            Assert.That(content, Does.Contain("the code has loops"));
        });
    }

    [Test]
    public async Task ExecuteAsync_LongLoadedFile_ShowsOnlyTheFirstLines()
    {
        var longFile = string.Join('\n', Enumerable.Range(1, ExplanationPrompt.MaxFileLines + 50).Select(i => $"line{i} = {i}"));
        var context = new TestPluginContext("explain this file", files: [new ContextFile("/x/big.py", longFile)]);
        Assert.That(_plugin.CanHandle(context), Is.True);

        await _plugin.ExecuteAsync(context, CancellationToken.None);

        var content = context.Sections.Single().Content;
        Assert.Multiple(() =>
        {
            Assert.That(content, Does.Contain($"only the first {ExplanationPrompt.MaxFileLines} are shown"));
            Assert.That(content, Does.Contain($"line{ExplanationPrompt.MaxFileLines} ="));
            Assert.That(content, Does.Not.Contain($"line{ExplanationPrompt.MaxFileLines + 1} ="));
        });
    }

    [Test]
    public async Task ExecuteAsync_NoCodeAnywhere_AsksForTheCodeInsteadOfInventingIt()
    {
        var context = new TestPluginContext("explain this code");

        var result = await _plugin.ExecuteAsync(context, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Success, Is.True);
            Assert.That(context.Sections.Single().Content, Does.Contain("no code in the message"));
        });
    }

    [Test]
    public void CanHandle_UnrelatedMessage_IsFalse()
    {
        Assert.That(_plugin.CanHandle(new TestPluginContext("what's the weather like")), Is.False);
    }
}
