using PatCode.Core.Commands;
using PatCode.Core.Diagnostics;
using PatCode.Sdk;
using PatCode.Telemetry.Logging;
using PatCode.Telemetry.Tests.Support;
using PatCode.Testing;
using Serilog;

namespace PatCode.Telemetry.Tests.Redaction;

public sealed partial class RedactionEndToEndTests
{
    private const string PlantedToken = "ghp_PlantedTokenAbCdEfGhIjKlMnOpQrStUv01";
    private const string PlantedPassword = "Sup3rS3cretPassw0rd";
    private string _directory = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "patcode-telemetry-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task PlantedSecrets_NeverReachTheExportFile()
    {
        using var service = TestTelemetry.Create();
        using var telemetry = service.ForPlugin(TestTelemetry.UniqueName("leaky"));
        telemetry.RecordEvent($"auth with {PlantedToken}", TelemetryLevel.Error, new Dictionary<string, object?>
        {
            ["note"] = $"Authorization: token {PlantedToken}",
            ["password"] = PlantedPassword,
            ["url"] = $"https://bob:{PlantedPassword}@git.example.com/repo.git",
        });
        using (var span = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.PluginSpan))
        {
            span?.SetTag("remote", $"https://bob:{PlantedPassword}@git.example.com");
            span?.SetTag("api_key", PlantedPassword);
        }

        var file = Path.Combine(_directory, "export.json");
        var exitCode = await service.CreateCommand().ExecuteAsync(new CommandInvocation(["export", file], new RecordingOutput(), InRepl: true), CancellationToken.None);

        var text = await File.ReadAllTextAsync(file);
        Assert.That(exitCode, Is.Zero);
        Assert.That(text, Does.Not.Contain(PlantedToken).And.Not.Contain(PlantedPassword));
        Assert.That(text, Does.Contain("[REDACTED]"));
        Assert.That(text, Does.Contain("git.example.com"), "only the secret part is masked");
    }

    [Test]
    public void PlantedSecrets_NeverReachASerilogLogFile()
    {
        var logFile = Path.Combine(_directory, "patcode.log");
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Redacted(w => w.File(logFile, outputTemplate: "{Timestamp:o} [{Level}] {Message:lj} {Properties:j}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture))
            .CreateLogger();

        logger.Information("Calling GitHub with {Token}", PlantedToken);
        logger.Information("Interpolated: git clone https://bob:" + PlantedPassword + "@git.example.com/repo");
        logger.Warning("Config loaded {@Settings}", new { Host = "localhost", Password = PlantedPassword });
        logger.ForContext("api_key", PlantedPassword).Information("Context property");
        logger.Error(new InvalidOperationException($"Request failed: Authorization: Bearer {PlantedToken}"), "Model call failed");
        logger.Dispose();

        var text = File.ReadAllText(logFile);
        Assert.That(text, Does.Not.Contain(PlantedToken).And.Not.Contain(PlantedPassword));
        Assert.That(text, Does.Contain("Calling GitHub with").And.Contain("Model call failed").And.Contain("InvalidOperationException"));
        Assert.That(text, Does.Contain("[REDACTED]"));
    }

    [Test]
    public void PlantedSecrets_LoggedThroughMicrosoftExtensionsLogging_NeverReachTheLogFile()
    {
        var logFile = Path.Combine(_directory, "mel.log");
        var serilog = new LoggerConfiguration()
            .WriteTo.Redacted(w => w.File(logFile, formatProvider: System.Globalization.CultureInfo.InvariantCulture))
            .CreateLogger();
        using (var factory = new Serilog.Extensions.Logging.SerilogLoggerFactory(serilog, dispose: true))
        {
            var logger = factory.CreateLogger("PatCode.Test");
            LogUsingKey(logger, PlantedPassword, "api.example.com");
            LogRemote(logger, $"https://bob:{PlantedPassword}@git.example.com");
        }

        var text = File.ReadAllText(logFile);
        Assert.That(text, Does.Not.Contain(PlantedPassword));
        Assert.That(text, Does.Contain("api.example.com").And.Contain("git.example.com"));
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Using {ApiKey} for {Host}")]
    private static partial void LogUsingKey(Microsoft.Extensions.Logging.ILogger logger, string apiKey, string host);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Remote is {Remote}")]
    private static partial void LogRemote(Microsoft.Extensions.Logging.ILogger logger, string remote);
}
