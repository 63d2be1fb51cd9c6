using PatCode.Chat.Repl.Editing;
using PatCode.Core.Commands;

namespace PatCode.Chat.Tests.Repl.Editing;

[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ReplCompleterTests : IDisposable
{
    private static readonly IHostCommand[] Commands =
    [
        new UsageOnly("plugins", "plugins", "plugins list", "plugins info <name>", "plugins enable <name>", "plugins disable <name>", "plugins reload", "plugins install <folder|.zip|.nupkg> [--replace]", "plugins uninstall <name>"),
        new UsageOnly("model", "model", "model <name>"),
        new UsageOnly("models", "models"),
        new UsageOnly("set", "set verbose", "set quiet", "set render markdown", "set render plain"),
        new UsageOnly("telemetry", "telemetry", "telemetry events [info|warning|error] [N]", "telemetry export [file]"),
        new UsageOnly("load", "load <file>"),
        new UsageOnly("help", "help") { Aliases = ["?"] },
    ];

    private readonly TemporaryDirectory _directory = new("patcode-completion-");
    private int _modelCalls;

    [SetUp]
    public void SetUp()
    {
        _directory.WriteFile("src/Program.cs", "");
        _directory.WriteFile("src/Parser.cs", "");
        _directory.WriteFile("README.md", "");
    }

    public void Dispose() => _directory.Dispose();

    [TestCase("/plu", 0, new[] { "/plugins" })]
    [TestCase("/mo", 0, new[] { "/model", "/models" })]
    [TestCase("/gi", 0, new[] { "/git" })]
    [TestCase("/plugins ", 9, new[] { "disable", "enable", "info", "install", "isolate", "list", "reload", "uninstall" })]
    [TestCase("/plugins i", 9, new[] { "info", "install", "isolate" })]
    [TestCase("/plugins enable G", 16, new[] { "GitHelper" })]
    [TestCase("/plugins isolate ", 17, new[] { "CodeExplainer", "GitHelper" })]
    [TestCase("/set render ", 12, new[] { "markdown", "plain" })]
    [TestCase("/telemetry events ", 18, new[] { "error", "info", "warning" })]
    [TestCase("/model ll", 7, new[] { "llama3.2:latest" })]
    [TestCase("/load src/P", 6, new[] { "src/Parser.cs", "src/Program.cs" })]
    [TestCase("/load R", 6, new[] { "README.md" })]
    [TestCase("/load s", 6, new[] { "src/" })]
    [TestCase("plain text /plu", 0, new string[0])]
    public void Complete_OffersWhatFitsWhereTheCursorIs(string before, int start, string[] expected)
    {
        var result = Completer().Complete(before);

        Assert.That(result.Candidates, Is.EqualTo(expected));
        if (expected.Length > 0)
        {
            Assert.That(result.Start, Is.EqualTo(start));
        }
    }

    [Test]
    public void ModelNames_AreFetchedOncePerSession()
    {
        var completer = Completer();

        completer.Complete("/model ");
        completer.Complete("/model q");

        Assert.That(_modelCalls, Is.EqualTo(1));
    }

    private ReplCompleter Completer() => new(new ReplCompletionSources
    {
        Commands = () => Commands,
        PluginCommands = () => ["git", "analyze"],
        PluginNames = () => ["GitHelper", "CodeExplainer"],
        ModelNames = _ =>
        {
            _modelCalls++;
            return Task.FromResult<IReadOnlyList<string>>(["llama3.2:latest", "qwen2.5-coder:7b"]);
        },
        LoadedFiles = () => [],
        WorkingDirectory = _directory.Path,
    });

    private sealed class UsageOnly(string name, params string[] usage) : IHostCommand
    {
        public string Name => name;

        public IReadOnlyList<string> Aliases { get; init; } = [];

        public string Summary => name;

        public IReadOnlyList<string> Usage => usage;

        public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
