using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PatCode.Sdk.Testing;

namespace PatCode.Sdk.Tests.Testing;

public sealed class TestPluginContextTests
{
    [Test]
    public async Task RunAsync_AHandlingPlugin_RecordsItsSectionsTelemetryCacheAndLog()
    {
        var context = new TestPluginContext("hello there", workingDirectory: "/repo", files: [new ContextFile("/repo/a.txt", "A")]);

        var result = await context.RunAsync(new GreeterPlugin());

        Assert.Multiple(() =>
        {
            Assert.That(result!.Success, Is.True);
            Assert.That(context.Sections.Single(), Is.EqualTo(new ContextSection("Greeter", "Greeting", "hello from /repo with 1 file(s)")));
            Assert.That(context.Telemetry.Counters["greetings"], Is.EqualTo(1));
            Assert.That(context.Telemetry.Durations("greet"), Has.Count.EqualTo(1));
            Assert.That(context.Telemetry.Events.Single().Name, Is.EqualTo("greeted"));
            Assert.That(context.Cache.Sets, Is.EqualTo(1));
            Assert.That(context.Cache.Keys, Is.EqualTo(new[] { "last" }));
            Assert.That(context.Log.Entries.Single().Level, Is.EqualTo(LogLevel.Information));
            Assert.That(context.Items["greeter.done"], Is.EqualTo(true));
        });
    }

    [Test]
    public async Task RunAsync_APluginThatDoesNotHandleTheMessage_ReturnsNullAndAddsNothing()
    {
        var context = new TestPluginContext("something else");

        var result = await context.RunAsync(new GreeterPlugin());

        Assert.That(result, Is.Null);
        Assert.That(context.Sections, Is.Empty);
    }

    [Test]
    public void AddSection_OutsideRunAsync_IsAttributedToTheDefaultName()
    {
        var context = new TestPluginContext("x");

        context.AddSection("T", "c");

        Assert.That(context.Sections.Single().Plugin, Is.EqualTo("test"));
    }

    [Test]
    public async Task Cache_ExpiresEntriesOnTheGivenClock()
    {
        var clock = new FakeTimeProvider();
        var services = new TestPluginServices(clock);

        await services.Cache.SetAsync("k", "v", TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(4));
        var before = await services.Cache.GetAsync("k");
        clock.Advance(TimeSpan.FromMinutes(1));
        var after = await services.Cache.GetAsync("k");

        Assert.That(before, Is.EqualTo("v"));
        Assert.That(after, Is.Null);
        Assert.That(services.Cache.Gets, Is.EqualTo(2));
    }

    [Test]
    public void Cache_RefusesANonPositiveTimeToLive_AsTheHostDoes() =>
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await new TestPluginServices().Cache.SetAsync("k", "v", TimeSpan.Zero));

    [Test]
    public void Telemetry_RefusesANegativeCounterDelta() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordingTelemetry().Increment("c", -1));
}
