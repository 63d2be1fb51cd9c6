using PatCode.Chat.Ollama;
using PatCode.Core.Configuration;

namespace PatCode.Chat.Tests;

[Parallelizable(ParallelScope.All)]
public sealed class ChatConfigurationTests
{
    [TestCase("http://127.0.0.1:11434", "http://127.0.0.1:11434/")]
    [TestCase("0.0.0.0:11434", "http://127.0.0.1:11434/")]
    [TestCase("0.0.0.0", "http://127.0.0.1:11434/")]
    [TestCase("ollama:11434", "http://ollama:11434/")]
    [TestCase("gpu-box", "http://gpu-box:11434/")]
    [TestCase(":12345", "http://127.0.0.1:12345/")]
    [TestCase("https://ollama.example.com", "https://ollama.example.com/")]
    [TestCase("http://example.com/ollama", "http://example.com/ollama/")]
    [TestCase("[::1]:11434", "http://[::1]:11434/")]
    [TestCase("", "http://127.0.0.1:11434/")]
    public void OllamaEndpoint_AcceptsOllamasForms(string value, string expected)
    {
        Assert.That(OllamaEndpoint.Parse(value).ToString(), Is.EqualTo(expected));
    }

    [TestCase("http://alice:s3cret@proxy.example.com:8080", "http://proxy.example.com:8080/", "alice", "s3cret")]
    [TestCase("alice:s3cret@127.0.0.1", "http://127.0.0.1:11434/", "alice", "s3cret")]
    [TestCase("https://alice:p%40ss%3Aword@proxy.example.com/ollama", "https://proxy.example.com/ollama/", "alice", "p@ss:word")]
    [TestCase("https://alice:p@ss@proxy.example.com", "https://proxy.example.com/", "alice", "p@ss")]
    [TestCase("https://token@proxy.example.com", "https://proxy.example.com/", "token", "")]
    public void OllamaEndpoint_TakesTheUserAndPasswordOutOfTheAddress(string value, string expected, string user, string password)
    {
        var uri = OllamaEndpoint.Parse(value, out var credentials);

        Assert.That(uri.ToString(), Is.EqualTo(expected));
        Assert.That(uri.UserInfo, Is.Empty);
        Assert.That((credentials?.UserName, credentials?.Password), Is.EqualTo((user, password)));
    }

    [Test]
    public void Settings_ShowTheOllamaAddressWithItsCredentialsAsStars()
    {
        var configuration = PatCodeConfiguration.Load(
            ChatConfigKeys.All, configFile: "", new Dictionary<string, string?> { ["OLLAMA_HOST"] = "http://alice:s3cret@proxy:8080" }, new Dictionary<string, string>());

        var settings = ChatSettings.From(configuration);

        Assert.That(settings.OllamaUri.ToString(), Is.EqualTo("http://proxy:8080/"));
        Assert.That(settings.OllamaDisplayUri.ToString(), Is.EqualTo("http://***@proxy:8080/"));
        Assert.That(configuration.Describe(ChatConfigKeys.OllamaHost).Key.Display("http://alice:s3cret@proxy:8080"), Is.EqualTo("http://***@proxy:8080"));
    }

    [Test]
    public void AnInvalidOllamaHost_IsQuotedWithItsPasswordAsStars()
    {
        var error = Assert.Throws<ConfigurationException>(() => PatCodeConfiguration.Load(
            ChatConfigKeys.All, configFile: "", new Dictionary<string, string?> { ["OLLAMA_HOST"] = "http://alice:s3cret@proxy:99999" }, new Dictionary<string, string>()));

        Assert.That(error!.Message, Does.Contain("'http://***@proxy:99999' has an invalid port").And.Not.Contain("s3cret"));
    }

    [TestCase("ftp://host")]
    [TestCase("host:notaport")]
    [TestCase("host:99999")]
    public void OllamaEndpoint_RejectsMalformedValues(string value)
    {
        Assert.That(OllamaEndpoint.Validate(value), Is.Not.Null);
    }

    [Test]
    public void Load_EnvironmentVariablesSetHostAndModel()
    {
        var configuration = PatCodeConfiguration.Load(
            ChatConfigKeys.All,
            configFile: "",
            new Dictionary<string, string?> { ["OLLAMA_HOST"] = "0.0.0.0:11500", ["PATCODE_MODEL"] = "qwen2.5-coder:7b" },
            new Dictionary<string, string>());

        var settings = ChatSettings.From(configuration);

        Assert.That(settings.OllamaUri, Is.EqualTo(new Uri("http://127.0.0.1:11500/")));
        Assert.That(settings.Model, Is.EqualTo("qwen2.5-coder:7b"));
        Assert.That(configuration.Describe(ChatConfigKeys.OllamaHost).Origin, Is.EqualTo("env OLLAMA_HOST"));
    }

    [Test]
    public void Load_FlagsOverrideTheEnvironment()
    {
        var configuration = PatCodeConfiguration.Load(
            ChatConfigKeys.All,
            configFile: "",
            new Dictionary<string, string?> { ["PATCODE_MODEL"] = "from-env" },
            new Dictionary<string, string> { [ChatConfigKeys.Model] = "from-flag", [ChatConfigKeys.Verbose] = "true" });

        var settings = ChatSettings.From(configuration);

        Assert.That(settings.Model, Is.EqualTo("from-flag"));
        Assert.That(settings.Verbose, Is.True);
    }

    [Test]
    public void Load_NegativeTimeout_NamesTheKeyAndItsSource()
    {
        var error = Assert.Throws<ConfigurationException>(() => PatCodeConfiguration.FromValues(ChatConfigKeys.All, new Dictionary<string, string> { [ChatConfigKeys.TimeoutSeconds] = "-5" }));

        Assert.That(error!.Message, Does.Contain("'chat.timeoutSeconds'").And.Contain("--chat.timeoutSeconds"));
    }

    [Test]
    public void Load_MalformedHost_NamesTheKey()
    {
        var error = Assert.Throws<ConfigurationException>(() => PatCodeConfiguration.Load(
            ChatConfigKeys.All, "", new Dictionary<string, string?> { ["OLLAMA_HOST"] = "ftp://nope" }, new Dictionary<string, string>()));

        Assert.That(error!.Message, Does.Contain("'ollama.host' from env OLLAMA_HOST"));
    }

    [Test]
    public void Defaults_AreUsable()
    {
        var settings = ChatSettings.From(PatCodeConfiguration.FromValues(ChatConfigKeys.All));

        Assert.That(settings.OllamaUri, Is.EqualTo(new Uri("http://127.0.0.1:11434/")));
        Assert.That(settings.Model, Is.EqualTo(ChatConfigKeys.DefaultModel));
        Assert.That(settings.Timeout, Is.EqualTo(TimeSpan.FromSeconds(120)));
        Assert.That(settings.ContextTokens, Is.Zero);
    }
}
