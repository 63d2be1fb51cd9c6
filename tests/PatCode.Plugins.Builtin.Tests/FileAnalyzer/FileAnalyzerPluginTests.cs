using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Plugins.Builtin.Tests.Support;
using PatCode.Plugins.FileAnalyzer;
using PatCode.Sdk;
using PatCode.Sdk.Testing;

namespace PatCode.Plugins.Builtin.Tests.FileAnalyzer;

public sealed class FileAnalyzerPluginTests
{
    private readonly FileAnalyzerPlugin _plugin = new();
    private TemporaryDirectory _root = null!;

    [SetUp]
    public void SetUp()
    {
        _root = new TemporaryDirectory("patcode-analyze");
        _root.WriteFile("src/app.cs", "class App\n{\n}\n");
        _root.WriteFile("web/index.ts", "const x: number = 1;\n");
    }

    [TearDown]
    public void TearDown() => _root.Dispose();

    [Test]
    public void Metadata_IsFileAnalyzerAtNormalPriorityWithTheAnalyzeCommand()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_plugin.Metadata.Name, Is.EqualTo("FileAnalyzer"));
            Assert.That(_plugin.Metadata.Priority, Is.EqualTo(PluginPriority.Normal));
            Assert.That(_plugin.Commands.Select(c => c.Name), Is.EqualTo(new[] { "analyze" }));
        });
    }

    [Test]
    public async Task ExecuteAsync_AnalyzeRequest_AddsTheProjectStructureSection()
    {
        var context = new TestPluginContext("analiza el proyecto", _root.Path);
        Assert.That(_plugin.CanHandle(context), Is.True);

        var result = await _plugin.ExecuteAsync(context, CancellationToken.None);

        Assert.That(result.Success, Is.True);
        var section = context.Sections.Single();
        Assert.Multiple(() =>
        {
            Assert.That(section.Title, Is.EqualTo("Project structure"));
            Assert.That(section.Content, Does.Contain("Files: 2 in 2 directories"));
            Assert.That(section.Content, Does.Contain("C#: 1 files, 3 lines"));
            Assert.That(section.Content, Does.Contain("TypeScript: 1 files, 1 lines"));
            Assert.That(section.Content, Does.Contain("Largest files:"));
        });
    }

    [Test]
    public async Task ExecuteAsync_SameTreeTwice_ServesTheSecondFromTheCache()
    {
        var services = new TestPluginServices();
        var first = new TestPluginContext("project structure", _root.Path, services: services);
        var second = new TestPluginContext("project structure", _root.Path, services: services);

        await _plugin.ExecuteAsync(first, CancellationToken.None);
        await _plugin.ExecuteAsync(second, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(services.Cache.Sets, Is.EqualTo(1));
            Assert.That(services.Telemetry.Counters["cache_misses"], Is.EqualTo(1));
            Assert.That(services.Telemetry.Counters["cache_hits"], Is.EqualTo(1));
            Assert.That(second.Sections.Single().Content, Is.EqualTo(first.Sections.Single().Content));
            Assert.That(services.Cache.Keys.Single(), Does.StartWith("analysis:v1:"));
        });
    }

    [Test]
    public async Task ExecuteAsync_TreeChangedBetweenRuns_AnalysesAgain()
    {
        var services = new TestPluginServices();
        await _plugin.ExecuteAsync(new TestPluginContext("project structure", _root.Path, services: services), CancellationToken.None);
        _root.WriteFile("src/app.cs", "class App\n{\n    int x;\n}\n");
        var after = new TestPluginContext("project structure", _root.Path, services: services);

        await _plugin.ExecuteAsync(after, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(services.Telemetry.Counters["cache_misses"], Is.EqualTo(2));
            Assert.That(after.Sections.Single().Content, Does.Contain("C#: 1 files, 4 lines"));
        });
    }

    [Test]
    public async Task AnalyzeCommand_RelativePath_AnalysesThatFolder()
    {
        var output = await RunCommandAsync("src");

        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain($"Project: {_root.Combine("src")}"));
            Assert.That(output, Does.Contain("Files: 1 in 0 directories"));
            Assert.That(output, Does.Not.Contain("TypeScript"));
        });
    }

    [Test]
    public async Task AnalyzeCommand_MissingFolder_GivesOneClearLine()
    {
        var output = await RunCommandAsync("nope");

        Assert.That(output, Is.EqualTo($"No folder at {_root.Combine("nope")}; give an existing folder, e.g. /analyze src."));
    }

    [Test]
    public async Task AnalyzeCommand_TwoPaths_PrintsUsage()
    {
        Assert.That(await RunCommandAsync("src", "web"), Does.StartWith("Usage: /analyze [path]"));
    }

    private Task<string> RunCommandAsync(params string[] arguments)
    {
        var context = new PluginCommandContext(arguments, _root.Path, new TestPluginServices(), NullLogger.Instance);
        return _plugin.Commands.Single().Handler(context, CancellationToken.None);
    }
}
