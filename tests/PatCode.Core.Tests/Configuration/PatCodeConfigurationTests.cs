using PatCode.Core.Configuration;

namespace PatCode.Core.Tests.Configuration;

public sealed class PatCodeConfigurationTests
{
    private static readonly ConfigKey Timeout = new("plugins.timeoutSeconds", "t", "2") { EnvironmentVariables = ["PATCODE_PLUGIN_TIMEOUT"], Flag = "--timeout", Validate = Validators.Number(0.05, 600) };
    private static readonly ConfigKey Enabled = new("plugins.enabled", "e", "true") { EnvironmentVariables = ["PLUGINS_ENABLED"], Validate = Validators.Boolean };
    private static readonly ConfigKey Dirs = new("plugins.dirs", "d", "");
    private static readonly ConfigKey[] Keys = [Timeout, Enabled, Dirs];

    [Test]
    public void LaterSourcesOverrideEarlierOnes_AndEachValueKnowsItsOrigin()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("config.json");
        File.WriteAllText(file, """{ "plugins": { "timeoutSeconds": 5, "enabled": false, "dirs": ["/a", "/b"] } }""");

        var fromFile = PatCodeConfiguration.Load(Keys, file, new Dictionary<string, string?>(), new Dictionary<string, string>());
        var fromEnv = PatCodeConfiguration.Load(Keys, file, new Dictionary<string, string?> { ["PATCODE_PLUGIN_TIMEOUT"] = "7", ["PLUGINS_ENABLED"] = "1" }, new Dictionary<string, string>());
        var fromFlag = PatCodeConfiguration.Load(Keys, file, new Dictionary<string, string?> { ["PATCODE_PLUGIN_TIMEOUT"] = "7" }, new Dictionary<string, string> { ["plugins.timeoutSeconds"] = "9" });

        Assert.That(fromFile.GetDouble("plugins.timeoutSeconds"), Is.EqualTo(5));
        Assert.That(fromFile.Describe("plugins.timeoutSeconds").Origin, Is.EqualTo(file));
        Assert.That(fromFile.GetBoolean("plugins.enabled"), Is.False);
        Assert.That(fromFile.GetList("plugins.dirs"), Is.EqualTo(new[] { "/a", "/b" }));
        Assert.That(fromEnv.GetDouble("plugins.timeoutSeconds"), Is.EqualTo(7));
        Assert.That(fromEnv.Describe("plugins.timeoutSeconds").Origin, Is.EqualTo("env PATCODE_PLUGIN_TIMEOUT"));
        Assert.That(fromEnv.GetBoolean("plugins.enabled"), Is.True, "1/0 spellings work");
        Assert.That(fromFlag.GetDouble("plugins.timeoutSeconds"), Is.EqualTo(9));
        Assert.That(fromFlag.Describe("plugins.timeoutSeconds").Source, Is.EqualTo(ConfigSource.CommandLine));
        Assert.That(fromFlag.Describe("plugins.enabled").Source, Is.EqualTo(ConfigSource.File));
    }

    [Test]
    public void ABadValue_NamesTheKeyAndItsSource()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            PatCodeConfiguration.Load(Keys, "", new Dictionary<string, string?> { ["PLUGINS_ENABLED"] = "maybe" }, new Dictionary<string, string>()));

        Assert.That(error!.Message, Is.EqualTo("Invalid value for 'plugins.enabled' from env PLUGINS_ENABLED: 'maybe' is not true or false."));
    }

    [Test]
    public void AFileThatIsNotJson_IsReportedWithItsLine_AndLeftAlone()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("config.json");
        File.WriteAllText(file, "{\n  \"plugins\": oops\n}");

        var error = Assert.Throws<ConfigurationException>(() => PatCodeConfiguration.Load(Keys, file, new Dictionary<string, string?>(), new Dictionary<string, string>()));

        Assert.That(error!.Message, Is.EqualTo($"{file} is not valid JSON (line 2): fix it or delete it to use the defaults."));
        Assert.That(File.ReadAllText(file), Is.EqualTo("{\n  \"plugins\": oops\n}"));
    }

    [Test]
    public void UnknownKeysInTheFile_AreIgnored_SoOlderVersionsCanReadNewerFiles()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("config.json");
        File.WriteAllText(file, """{ "future": { "setting": 1 }, "plugins": { "timeoutSeconds": 3 } }""");

        Assert.That(PatCodeConfiguration.Load(Keys, file, new Dictionary<string, string?>(), new Dictionary<string, string>()).GetDouble("plugins.timeoutSeconds"), Is.EqualTo(3));
    }

    [Test]
    public void AnInvalidConnectionValue_IsQuotedWithItsCredentialsAsStars()
    {
        var endpoint = new ConfigKey("telemetry.otlpEndpoint", "o", null) { EnvironmentVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT"], Validate = Validators.HttpUrl, HoldsCredentials = true };

        var error = Assert.Throws<ConfigurationException>(() => PatCodeConfiguration.Load(
            [endpoint], "", new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "ftp://alice:s3cret@collector:4318" }, new Dictionary<string, string>()));

        Assert.That(error!.Message, Is.EqualTo("Invalid value for 'telemetry.otlpEndpoint' from env OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://***@collector:4318' is not an http:// or https:// URL."));
    }

    [TestCase("http://alice:s3cret@host:4318", false, "http://***@host:4318")]
    [TestCase("host:6379,password=hunter2", false, "host:6379,password=***")]
    [TestCase("anything", true, "***")]
    [TestCase("", true, "")]
    public void Display_ShowsSecretsAndCredentialsAsStars(string value, bool secret, string expected)
    {
        var key = new ConfigKey("k", "k", null) { IsSecret = secret, HoldsCredentials = !secret };

        Assert.That(key.Display(value), Is.EqualTo(expected));
    }
}
