using System.Text.RegularExpressions;
using PatCode.Core.Diagnostics;

namespace PatCode.Core.Tests.Diagnostics;

public sealed partial class PluginMetricNamesTests
{
    // A unique plugin name per test: the names are claimed process-wide.
    private static string Unique(string name) => name + Guid.NewGuid().ToString("N")[..6];

    [TestCase("GitHelper", "git_helper")]
    [TestCase("HTTPServer", "http_server")]
    [TestCase("parseJSONFast", "parse_json_fast")]
    [TestCase("v2Beta", "v2_beta")]
    [TestCase("  hits per/second? ", "hits_per_second")]
    [TestCase("a..b--c", "a_b_c")]
    [TestCase("日本語", "")]
    public void SnakeCase(string text, string expected) => Assert.That(PluginMetricNames.SnakeCase(text), Is.EqualTo(expected));

    [TestCase("read", "read")]
    [TestCase("FilesRead", "files_read")]
    [TestCase("requests_total", "requests")]
    [TestCase("requestCount", "request")]
    [TestCase("latency_seconds_sum", "latency")]
    [TestCase("read_ms", "readms")]
    [TestCase("ms_read", "msread")]
    [TestCase("size_kb", "sizekb")]
    [TestCase("wait_minutes", "waitminutes")]
    [TestCase("latencyMilliseconds", "latencymilliseconds_value")]
    [TestCase("queue_gauge", "queuegauge")]
    [TestCase("total", "total_value")]
    [TestCase("s", "svalue")]
    [TestCase("!!!", "value")]
    [TestCase("discount", "discount_value")]
    public void MetricPart_IsSnakeCaseWithoutWhatPromtoolOrPrometheusSuffixesWouldTrip(string metric, string expected)
    {
        var plugin = Unique("Probe");

        Assert.That(PluginMetricNames.For(plugin, metric), Is.EqualTo($"patcode.plugin.{PluginMetricNames.SnakeCase(plugin)}.{expected}"));
    }

    [Test]
    public void PluginPart_LoneLintedWordOrNoLettersAtAll_StillNamesThePlugin()
    {
        Assert.That(PluginMetricNames.For("M", "calls"), Does.StartWith("patcode.plugin.mplugin."));
        Assert.That(PluginMetricNames.For("日本語", "calls"), Does.StartWith("patcode.plugin.plugin."));
    }

    [Test]
    public void SamePluginAndMetric_GetTheSameNameEveryTime()
    {
        var plugin = Unique("Reload");

        var first = PluginMetricNames.For(plugin, "calls");
        var again = PluginMetricNames.For(plugin, "calls");

        Assert.That(again, Is.EqualTo(first));
    }

    [Test]
    public void NamesThatWouldCoincide_AreToldApartByAHashOfTheOriginalNames()
    {
        var tail = Unique("x");
        var first = PluginMetricNames.For("git-" + tail, "helper.read");
        var second = PluginMetricNames.For("git_" + tail, "helper_read");
        var third = PluginMetricNames.For("git_" + tail + "_helper", "read");
        var sameAsFirst = PluginMetricNames.For("git-" + tail, "helper.read");

        Assert.That(first, Is.EqualTo($"patcode.plugin.git_{PluginMetricNames.SnakeCase(tail)}.helper_read"));
        Assert.That(second, Does.Match("^" + Regex.Escape(first) + "_[0-9a-f]{8}$"));
        Assert.That(third.Replace('.', '_'), Is.Not.EqualTo(first.Replace('.', '_')).And.Not.EqualTo(second.Replace('.', '_')), "the Prometheus forms differ too");
        Assert.That(sameAsFirst, Is.EqualTo(first));
    }

    [Test]
    public void PatCodesOwnPluginMetrics_CannotBeTaken()
    {
        Assert.That(PluginMetricNames.For("executions", "total").Replace('.', '_') + "_total", Is.Not.EqualTo("patcode_plugin_executions_total"));
        Assert.That(PluginMetricNames.For("duration", "seconds").Replace('.', '_'), Is.Not.EqualTo("patcode_plugin_duration_seconds"));
        Assert.That(InstrumentNames.PluginExecutions[InstrumentNames.PluginMetricPrefix.Length..], Does.Not.Contain('_').And.Not.Contain('.'));
        Assert.That(InstrumentNames.PluginDuration[InstrumentNames.PluginMetricPrefix.Length..], Does.Not.Contain('_').And.Not.Contain('.'));
    }

    [Test]
    public void AnyInput_GivesAValidOpenTelemetryName_AndDistinctInputsNeverShareOne()
    {
        var random = new Random(16);
        const string Alphabet = "aAbBmMsS_-. /:!é日0123456789totalsecondscountmsKB";
        var seen = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var tail = Unique("fuzz");
        for (var i = 0; i < 3000; i++)
        {
            var plugin = new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()) + tail;
            var metric = new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

            var name = PluginMetricNames.For(plugin, metric);

            Assert.That(name, Does.Match(@"^patcode\.plugin\.[a-z0-9_]+\.[a-z0-9_]+$").And.Length.LessThanOrEqualTo(255));
            var prometheus = name.Replace('.', '_');
            if (seen.TryGetValue(prometheus, out var owner))
            {
                Assert.That(owner, Is.EqualTo((plugin, metric)), $"{prometheus} was given to two different plugin metrics");
            }

            seen[prometheus] = (plugin, metric);
        }
    }
}
