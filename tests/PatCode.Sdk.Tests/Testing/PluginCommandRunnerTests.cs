using PatCode.Sdk.Testing;

namespace PatCode.Sdk.Tests.Testing;

public sealed class PluginCommandRunnerTests
{
    [Test]
    public async Task RunAsync_RunsTheNamedCommandWithItsArgumentsAndServices()
    {
        var services = new TestPluginServices();

        var output = await PluginCommandRunner.RunAsync(new GreeterPlugin(), "/greet", ["Ada", "Lovelace"], workingDirectory: "/repo", services: services);

        Assert.That(output, Is.EqualTo("hello Ada Lovelace in /repo"));
        Assert.That(services.Telemetry.Counters["commands"], Is.EqualTo(1));
    }

    [Test]
    public void RunAsync_AnUnknownCommand_NamesTheOnesThePluginHas()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => PluginCommandRunner.RunAsync(new GreeterPlugin(), "nope"));

        Assert.That(error!.Message, Does.StartWith("Greeter has no command /nope; it declares /greet."));
    }
}
