using Microsoft.Extensions.Logging;
using PatCode.Cli.Logging;

namespace PatCode.Cli.Tests.Logging;

public sealed class DeferredLoggerFactoryTests
{
    [TestCase("Information", LogLevel.Debug)]
    [TestCase("Warning", LogLevel.Information)]
    [TestCase("Error", LogLevel.Warning)]
    public void ALineBelowTheLevel_IsDropped_WithoutOpeningTheLog(string level, LogLevel line)
    {
        using var temp = new TemporaryDirectory();
        var logs = temp.Combine("logs");
        var created = 0;
        using (var factory = new DeferredLoggerFactory(() => { created++; return PatCodeLogging.CreateRedactedFileLoggerFactory(logs, level); }, DeferredLoggerFactory.LevelNamed(level)))
        {
            factory.CreateLogger("PatCode.Test").Log(line, "routine {What}", "start");
            Assert.That(factory.IsCreated, Is.False);
        }

        Assert.That(created, Is.Zero);
        Assert.That(Directory.Exists(logs), Is.False);
    }

    [TestCase("Verbose", LogLevel.Trace)]
    [TestCase("Debug", LogLevel.Debug)]
    [TestCase("Information", LogLevel.Information)]
    [TestCase("warning", LogLevel.Error)]
    public void ALineAtOrAboveTheLevel_OpensTheLog_AndIsWritten(string level, LogLevel line)
    {
        using var temp = new TemporaryDirectory();
        var logs = temp.Combine("logs");
        using (var factory = new DeferredLoggerFactory(() => PatCodeLogging.CreateRedactedFileLoggerFactory(logs, level), DeferredLoggerFactory.LevelNamed(level)))
        {
            factory.CreateLogger("PatCode.Test").Log(line, "news {What} with password=hunter2", "reload");
            Assert.That(factory.IsCreated, Is.True);
        }

        var written = string.Concat(Directory.GetFiles(logs).Select(File.ReadAllText));
        Assert.That(written, Does.Contain("PatCode.Test: news reload with password=[REDACTED]"));
    }
}
