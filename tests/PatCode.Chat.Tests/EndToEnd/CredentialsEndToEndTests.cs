using System.Text;

namespace PatCode.Chat.Tests.EndToEnd;

/// <summary>
/// Ollama behind a proxy that asks for a login: the user and password in OLLAMA_HOST go to it as HTTP Basic
/// authorization, and wherever PatCode shows the address (config, errors, /model, /stats) they are ***.
/// </summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(120_000)]
public sealed class CredentialsEndToEndTests
{
    private const string Password = "s3cret-Pa55";

    [Test]
    public async Task Ask_SendsTheUserAndPasswordOfOllamaHost_AsBasicAuthorization_OnEveryRequest()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.RequiredAuthorization = Basic("alice", Password);
        world.Emulator.EnqueueAnswer("Logged in.");

        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, WithLogin(world, Password), stdin: null, "ask", "hello?");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Is.EqualTo("Logged in.\n"));
        Assert.That(world.Emulator.Requests, Is.Not.Empty);
        Assert.That(world.Emulator.Requests.Select(r => r.Authorization), Has.All.EqualTo(Basic("alice", Password)));
        AssertNoPassword(world, stdout + stderr);
    }

    [Test]
    public async Task Repl_ModelStatsAndConfig_ShowTheCredentialsAsStars()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.RequiredAuthorization = Basic("alice", Password);
        var environment = WithLogin(world, Password);

        var repl = await PatCodeProcess.RunAsync(world.WorkingDirectory, environment, "/model\n/stats\n");
        var config = await PatCodeProcess.RunAsync(world.WorkingDirectory, environment, stdin: null, "config");

        Assert.That(repl.ExitCode, Is.EqualTo(0), repl.ToString());
        var ollama = $"http://***@{world.Emulator.BaseUri.Authority}/";
        Assert.That(repl.Stdout, Does.Contain($"Model: llama3.2 (Ollama at {ollama})"));
        Assert.That(repl.Stdout.Split('\n'), Has.Some.Match(@"^ollama\s+" + System.Text.RegularExpressions.Regex.Escape(ollama) + "$"));
        Assert.That(config.Stdout.Split('\n'), Has.Some.Match(@"^ollama\.host\s+http://\*\*\*@127\.0\.0\.1:\d+\s+env OLLAMA_HOST"));
        AssertNoPassword(world, repl.Stdout + repl.Stderr + config.Stdout + config.Stderr);
    }

    [Test]
    public async Task AWrongPassword_GivesOneLineSayingTheLoginWasRefused_WithoutThePassword()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.RequiredAuthorization = Basic("alice", Password);

        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, WithLogin(world, "wrong-Pa55"), stdin: null, "ask", "hello?");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr.Trim(), Is.EqualTo($"error: Ollama at http://***@{world.Emulator.BaseUri.Authority} refused the login (HTTP 401): check the user:password@ before the host in OLLAMA_HOST."));
        Assert.That(stdout + stderr, Does.Not.Contain("wrong-Pa55"));
    }

    [Test]
    public async Task Config_ShowsOtlpAndRedisCredentialsAsStars_AndSoDoesAValidationError()
    {
        await using var world = await EndToEndWorld.StartAsync();
        var environment = new Dictionary<string, string>(world.Environment)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"https://bob:{Password}@collector.example:4318",
            ["PATCODE_CACHE_REDIS"] = $"cache.example:6379,password={Password}",
        };

        var config = await PatCodeProcess.RunAsync(world.WorkingDirectory, environment, stdin: null, "config");
        environment["OLLAMA_HOST"] = $"http://alice:{Password}@127.0.0.1:99999";
        var invalid = await PatCodeProcess.RunAsync(world.WorkingDirectory, environment, stdin: null, "config");

        Assert.That(config.ExitCode, Is.EqualTo(0), config.ToString());
        Assert.That(config.Stdout.Split('\n'), Has.Some.Match(@"^telemetry\.otlpEndpoint\s+https://\*\*\*@collector\.example:4318\s"));
        Assert.That(config.Stdout.Split('\n'), Has.Some.Match(@"^cache\.redis\s+cache\.example:6379,password=\*\*\*\s"));
        Assert.That(invalid.ExitCode, Is.EqualTo(2));
        Assert.That(invalid.Stderr, Does.Contain("'http://***@127.0.0.1:99999' has an invalid port"));
        AssertNoPassword(world, config.Stdout + config.Stderr + invalid.Stdout + invalid.Stderr);
    }

    private static Dictionary<string, string> WithLogin(EndToEndWorld world, string password) =>
        new(world.Environment) { ["OLLAMA_HOST"] = $"http://alice:{password}@{world.Emulator.BaseUri.Authority}" };

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static void AssertNoPassword(EndToEndWorld world, string shown)
    {
        Assert.That(shown, Does.Not.Contain(Password));
        var logs = Path.Combine(world.Home, "logs");
        var logged = Directory.Exists(logs) ? string.Concat(Directory.GetFiles(logs).Select(File.ReadAllText)) : "";
        Assert.That(logged, Does.Not.Contain(Password), "nor in the log");
    }
}
