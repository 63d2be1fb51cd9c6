using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PatCode.Core.Commands;
using PatCode.Core.Console;
using PatCode.Core.Plugins.Commands;

namespace PatCode.Core.Tests.Commands;

public sealed class CommandRouterTests : PluginHostTestBase
{
    private Mock<IUserOutput> _output = null!;
    private List<string> _errors = null!;
    private List<string> _lines = null!;

    [SetUp]
    public void CaptureOutput()
    {
        (_output, _errors, _lines) = (new Mock<IUserOutput>(), [], []);
        _output.Setup(o => o.WriteError(It.IsAny<string>())).Callback<string>(_errors.Add);
        _output.Setup(o => o.WriteLine(It.IsAny<string>())).Callback<string>(_lines.Add);
    }

    [Test]
    public async Task AHostCommand_AnswersToItsNameAndAliases_InAnyCase_WithQuotedWordsKeptTogether()
    {
        var quit = Command("quit", "exit", "bye");
        var router = Router().Add(quit.Object);

        foreach (var line in new[] { "/quit now", "/EXIT now", "  /bye \"now please\"" })
        {
            Assert.That(await router.RunAsync(line, _output.Object, inRepl: true, CancellationToken.None), Is.EqualTo(ExitCodes.Success));
        }

        quit.Verify(c => c.ExecuteAsync(It.Is<CommandInvocation>(i => i.Arguments.SequenceEqual(new[] { "now" }) && i.InRepl), It.IsAny<CancellationToken>()), Times.Exactly(2));
        quit.Verify(c => c.ExecuteAsync(It.Is<CommandInvocation>(i => i.Arguments.SequenceEqual(new[] { "now please" })), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(router.IsHostCommand("Bye"), Is.True);
        Assert.That(_errors, Is.Empty);
    }

    [Test]
    public async Task AnUnknownCommand_IsAUsageError_SuggestingTheNearestName()
    {
        var router = Router().Add(Command("plugins").Object).Add(Command("cache").Object);

        var exit = await router.RunAsync("/plugin list", _output.Object, inRepl: true, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(_errors, Is.EqualTo(new[] { "Unknown command /plugin. Did you mean: plugins? Type /help for the list." }));
    }

    [Test]
    public async Task ASlashAlone_AsksForACommand()
    {
        var exit = await Router().RunAsync("/   ", _output.Object, inRepl: true, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(_errors, Is.EqualTo(new[] { "Type a command after the slash, such as /help." }));
    }

    [Test]
    public void TwoHostCommandsWithOneName_AreRefusedWhenComposed()
    {
        var router = Router().Add(Command("quit", "exit").Object);

        var error = Assert.Throws<InvalidOperationException>(() => router.Add(Command("exit").Object));

        Assert.That(error!.Message, Is.EqualTo("Two host commands are called 'exit'."));
    }

    [Test]
    public async Task APluginCommand_RunsInItsPlugin_AndItsTextIsPrinted()
    {
        TestPlugins.Install("TestPlugins.Services", Fixture.TrustedRoot);
        var host = Fixture.Create();
        await host.StartAsync();
        var router = new CommandRouter(() => host.Commands, Environment.CurrentDirectory, NullLogger.Instance);

        var exit = await router.RunAsync("/svc one \"two three\"", _output.Object, inRepl: true, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), string.Join("\n", _errors));
        Assert.That(_lines, Is.EqualTo(new[] { "svc: runs=none args=one two three" }));
        Assert.That(router.IsHostCommand("svc"), Is.False, "plugin commands are not host commands");
    }

    [Test]
    public async Task AHostCommand_WinsOverAPluginCommandOfTheSameName()
    {
        TestPlugins.Install("TestPlugins.Services", Fixture.TrustedRoot);
        var host = Fixture.Create();
        await host.StartAsync();
        var svc = Command("svc");
        var router = new CommandRouter(() => host.Commands, Environment.CurrentDirectory, NullLogger.Instance).Add(svc.Object);

        await router.RunAsync("/svc", _output.Object, inRepl: true, CancellationToken.None);

        svc.Verify(c => c.ExecuteAsync(It.IsAny<CommandInvocation>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_lines, Is.Empty);
    }

    private static CommandRouter Router() =>
        new(() => new Dictionary<string, PluginCommandRegistration>(), Environment.CurrentDirectory, NullLogger.Instance);

    private static Mock<IHostCommand> Command(string name, params string[] aliases)
    {
        var command = new Mock<IHostCommand>();
        command.SetupGet(c => c.Name).Returns(name);
        command.SetupGet(c => c.Aliases).Returns(aliases);
        command.SetupGet(c => c.Summary).Returns(name + " things");
        command.SetupGet(c => c.Usage).Returns([name]);
        command.Setup(c => c.ExecuteAsync(It.IsAny<CommandInvocation>(), It.IsAny<CancellationToken>())).ReturnsAsync(ExitCodes.Success);
        return command;
    }
}
