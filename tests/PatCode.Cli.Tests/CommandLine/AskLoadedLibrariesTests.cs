using PatCode.Testing.Ollama;

namespace PatCode.Cli.Tests.CommandLine;

/// <summary>
/// What an <c>ask</c> with the built-ins maps into memory while it answers: not OpenSSL (its SHA-256s, for the
/// history file's name, the cache keys and the built-ins' stamps, are managed code), not the OpenTelemetry SDK
/// when no exporter is configured, not the log (a healthy run logs nothing at the default level), and not
/// System.Reflection.Metadata. Each cost ~10–35 ms or a few MB of every start (docs/performance.md).
/// </summary>
public sealed class AskLoadedLibrariesTests
{
    [Test]
    public async Task AHealthyAsk_WithTheCacheAndNoExporter_LoadsNeitherOpenSslNorTheOpenTelemetrySdkNorTheLog()
    {
        using var home = new TempHome();
        File.WriteAllText(home.Combine("Program.cs"), "Console.WriteLine(1);\n");
        await using var emulator = await OllamaEmulator.StartAsync();
        emulator.TokenDelay = TimeSpan.FromMilliseconds(150); // the answer streams slowly: the process is there to look at
        var environment = new Dictionary<string, string> { ["PATCODE_HOME"] = home.Path, ["OLLAMA_HOST"] = emulator.BaseUri.Authority };
        using var ask = PatCodeProcess.Start(home.Path, environment, "ask", "explain what the Program.cs file in this project does");
        ask.Process.StandardInput.Close(); // ask reads piped input as part of the question, up to its end

        await ask.WaitUntilAsync(() => emulator.ChatRequests.Count > 0);
        var maps = File.ReadAllText($"/proc/{ask.Process.Id}/maps");
        var exit = await ask.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, ask.Stderr);
            Assert.That(ask.Stdout, Does.Contain("sky is blue"));
            // The map was read while the answer streamed: the runtime, the cache's SQLite and the plugins were in it.
            Assert.That(maps, Does.Contain("System.Private.CoreLib.dll").And.Contain("libe_sqlite3.so").And.Contain("PatCode.Plugins.CodeExplainer.dll"));
            Assert.That(maps, Does.Not.Contain("libssl").And.Not.Contain("libcrypto"), "OpenSSL was loaded");
            Assert.That(maps, Does.Not.Contain("OpenTelemetry.dll").And.Not.Contain("OpenTelemetry.Exporter"), "the OpenTelemetry SDK was loaded");
            Assert.That(maps, Does.Not.Contain("Serilog.dll"), "the log was opened");
            // The built-ins' declarations come from the index the build wrote, and their load contexts share the
            // host's assemblies as they are needed, not by loading every assembly those reference.
            Assert.That(maps, Does.Not.Contain("System.Reflection.Metadata.dll").And.Not.Contain("System.Collections.Immutable.dll"), "metadata was read");
            var logs = home.Combine("logs");
            Assert.That(Directory.Exists(logs) ? Directory.GetFiles(logs) : [], Is.Empty, "a line was logged");
        });
    }
}
