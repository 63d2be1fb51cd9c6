using PatCode.Core.IO;

namespace PatCode.Core.Tests.IO;

public sealed class AtomicFileTests
{
    [Test]
    public void WriteAllText_ReplacesTheFile_UserOnly_AndLeavesNoTemporaryFiles()
    {
        using var temp = new TemporaryDirectory();
        var path = temp.Combine("state", "plugins.json");

        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllText(path, "two");

        Assert.That(File.ReadAllText(path), Is.EqualTo("two"));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(temp.Combine("state")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That(Directory.GetFiles(temp.Combine("state")), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void AFailedWrite_LeavesTheOldFileWhole()
    {
        using var temp = new TemporaryDirectory();
        var path = temp.Combine("plugins.json");
        AtomicFile.WriteAllText(path, "old");
        Directory.CreateDirectory(path + ".blocker");

        // A directory where the file should go makes the final rename fail.
        Assert.That(() => AtomicFile.WriteAllText(path + ".blocker", "new"), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
        Assert.That(File.ReadAllText(path), Is.EqualTo("old"));
        Assert.That(Directory.GetFiles(temp.Path).Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)), Is.Empty);
    }
}
