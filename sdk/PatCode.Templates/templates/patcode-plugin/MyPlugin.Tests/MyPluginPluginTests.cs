using PatCode.Sdk.Testing;

namespace MyPlugin.Tests;

public sealed class PLUGIN_CLASSPluginTests
{
    [Test]
    public async Task AGreeting_AddsTheSectionAndCountsIt()
    {
        var context = new TestPluginContext("hello there", workingDirectory: "/work");

        var result = await context.RunAsync(new PLUGIN_CLASSPlugin());

        Assert.That(result?.Success, Is.True);
        Assert.That(context.Sections.Single().Content, Does.Contain("/work"));
        Assert.That(context.Telemetry.Counters["greetings"], Is.EqualTo(1));
    }

    [Test]
    public async Task OtherMessages_AreLeftAlone()
    {
        var context = new TestPluginContext("what time is it?");

        var result = await context.RunAsync(new PLUGIN_CLASSPlugin());

        Assert.That(result, Is.Null);
        Assert.That(context.Sections, Is.Empty);
    }

    [Test]
    public async Task TheCommand_AnswersWithTheFolder()
    {
        var output = await PluginCommandRunner.RunAsync(new PLUGIN_CLASSPlugin(), "plugin-command", workingDirectory: "/work");

        Assert.That(output, Does.Contain("/work"));
    }
}
