using Microsoft.Extensions.Logging;
using PatCode.Cli.Logging;

namespace PatCode.Cli.Tests.Logging;

public sealed class PatCodeLoggingTests
{
    [Test]
    public void LogFiles_AreUserOnly_InAUserOnlyFolder_EvenOnesThatWereOpenBefore()
    {
        using var temp = new TemporaryDirectory();
        var logs = temp.Combine("logs");
        Directory.CreateDirectory(logs);
        var older = Path.Combine(logs, "patcode-20200101.log");
        File.WriteAllText(older, "old\n");
        File.SetUnixFileMode(older, (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(logs, (UnixFileMode)0b111_111_111);

        using (var factory = PatCodeLogging.CreateFileLoggerFactory(logs, "Information"))
        {
            factory.CreateLogger("Test").LogInformation("hello {Who}", "world");
        }

        var files = Directory.GetFiles(logs);
        Assert.That(files, Has.Length.EqualTo(2));
        Assert.That(string.Concat(files.Select(File.ReadAllText)), Does.Contain("hello world"), "a file was really written");
        Assert.That(files.Select(File.GetUnixFileMode), Is.All.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(logs), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }
}
