using PatCode.Testing.Ollama;

namespace PatCode.Cli.Tests.CommandLine;

/// <summary>
/// What an <c>ask</c> asks Ollama: the model's context length and the answer, and the model list (for the digest
/// the cache keys answers with) only while the cache is on. Each request is a first use of the HTTP stack and its
/// JSON on the way to the answer (docs/performance.md).
/// </summary>
public sealed class AskModelCallsTests
{
    [TestCase("true", new[] { "/api/chat", "/api/show", "/api/tags" })]
    [TestCase("false", new[] { "/api/chat", "/api/show" })]
    public async Task AnAsk_ListsTheModelsOnlyForTheCache(string cacheEnabled, string[] expected)
    {
        using var home = new TempHome();
        await using var emulator = await OllamaEmulator.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["PATCODE_HOME"] = home.Path,
            ["OLLAMA_HOST"] = emulator.BaseUri.Authority,
            ["PLUGINS_ENABLED"] = "false",
            ["CACHE_ENABLED"] = cacheEnabled,
        };
        using var ask = PatCodeProcess.Start(home.Path, environment, "ask", "why is the sky blue");
        ask.Process.StandardInput.Close();
        var exit = await ask.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, ask.Stderr);
            Assert.That(ask.Stdout, Does.Contain("sky is blue"));
            Assert.That(emulator.Requests.Select(r => r.Path).Distinct().Order(StringComparer.Ordinal), Is.EqualTo(expected));
        });
    }
}
