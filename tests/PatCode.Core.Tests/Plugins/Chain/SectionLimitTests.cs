using Microsoft.Extensions.Logging;
using PatCode.Core.Plugins.Chain;

namespace PatCode.Core.Tests.Plugins.Chain;

public sealed class SectionLimitTests : PluginHostTestBase
{
    [Test]
    public async Task A50MbSection_IsCutTo1MbBeforeItIsStored_WithAMarkerAndALogLine_AndLaterPluginsStillAddTheirs()
    {
        TestPlugins.Install("TestPlugins.Flood", Fixture.TrustedRoot);
        TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        var host = Fixture.Create(timeout: TimeSpan.FromSeconds(20));
        await host.StartAsync();

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hello"), CancellationToken.None);

        Assert.That(result.Sections.Select(s => s.Plugin), Is.EqualTo(new[] { "Flood", "Alpha" }), "Flood is Critical, Alpha High");
        var flood = result.Sections[0].Content;
        Assert.That(flood, Has.Length.EqualTo(SectionLimit.MaxChars + SectionLimit.Marker.Length));
        Assert.That(flood, Does.EndWith("f" + SectionLimit.Marker));
        Assert.That(result.Sections[1].Content, Is.EqualTo("alpha saw: hello"));
        Assert.That(Fixture.Logs.Entries, Has.Some.Matches<(string Category, LogLevel Level, string Message, Exception? Exception)>(
            e => e.Category == "Flood" && e.Level == LogLevel.Warning && e.Message.Contains("holds 52428800 characters; it was cut to 1048576", StringComparison.Ordinal)));
    }

    [Test]
    public void Apply_NeverSplitsASurrogatePair()
    {
        var text = new string('x', SectionLimit.MaxChars - 1) + "😀" + "tail";

        var cut = SectionLimit.Apply(text, "emoji", Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.That(cut, Is.EqualTo(new string('x', SectionLimit.MaxChars - 1) + SectionLimit.Marker));
    }
}
