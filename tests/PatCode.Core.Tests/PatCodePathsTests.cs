namespace PatCode.Core.Tests;

public sealed class PatCodePathsTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Test]
    public void StateFoldersOpenToOthersForWriting_AreClosed_WithOneLineEach()
    {
        using var temp = new TemporaryDirectory();
        var paths = new PatCodePaths(temp.Combine("home"));
        foreach (var folder in new[] { paths.Home, paths.UserPlugins, paths.History, paths.Logs })
        {
            Directory.CreateDirectory(folder);
        }

        File.SetUnixFileMode(paths.Home, (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(paths.UserPlugins, (UnixFileMode)0b111_111_101);
        File.SetUnixFileMode(paths.History, (UnixFileMode)0b111_101_111);
        File.SetUnixFileMode(paths.Logs, (UnixFileMode)0b111_101_101);

        var warnings = paths.SecureStateFolders();

        Assert.That(warnings, Is.EqualTo(new[]
        {
            $"{paths.Home} was writable by other users (mode 777); it is now 0700, yours only",
            $"{paths.UserPlugins} was writable by other users (mode 775); it is now 0700, yours only",
            $"{paths.History} was writable by other users (mode 757); it is now 0700, yours only",
        }));
        Assert.That(File.GetUnixFileMode(paths.Home), Is.EqualTo(Private));
        Assert.That(File.GetUnixFileMode(paths.UserPlugins), Is.EqualTo(Private));
        Assert.That(File.GetUnixFileMode(paths.History), Is.EqualTo(Private));
        Assert.That(File.GetUnixFileMode(paths.Logs), Is.EqualTo((UnixFileMode)0b111_101_101), "only folders others can write to are changed");
        Assert.That(paths.SecureStateFolders(), Is.Empty, "once fixed, nothing more to say");
    }

    [Test]
    public void ASharedStickyFolder_IsNeverChmodded_ButWarnedAbout()
    {
        using var temp = new TemporaryDirectory();
        var paths = new PatCodePaths(temp.Combine("home"));
        Directory.CreateDirectory(paths.Home);
        File.SetUnixFileMode(paths.Home, (UnixFileMode)0b1_111_111_111);

        var warnings = paths.SecureStateFolders();

        Assert.That(warnings.Single(), Does.Contain("is a shared folder (mode 1777, sticky)").And.Contain("PATCODE_HOME"));
        Assert.That(File.GetUnixFileMode(paths.Home), Is.EqualTo((UnixFileMode)0b1_111_111_111));
    }

    [Test]
    public void EnsurePrivateDirectory_CreatesUserOnlyFolders_AndClosesAWritableOne()
    {
        using var temp = new TemporaryDirectory();
        var created = temp.Combine("a", "b");
        var open = Directory.CreateDirectory(temp.Combine("open")).FullName;
        File.SetUnixFileMode(open, (UnixFileMode)0b111_111_111);

        Assert.That(PatCodePaths.EnsurePrivateDirectory(created), Is.Null);
        Assert.That(PatCodePaths.EnsurePrivateDirectory(open), Does.Contain("was writable by other users"));

        Assert.That(File.GetUnixFileMode(created), Is.EqualTo(Private));
        Assert.That(File.GetUnixFileMode(open), Is.EqualTo(Private));
    }
}
