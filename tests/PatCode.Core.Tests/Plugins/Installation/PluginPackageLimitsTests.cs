using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using PatCode.Core.Plugins.Installation;

namespace PatCode.Core.Tests.Plugins.Installation;

/// <summary>Hostile packages: zip bombs, too many files, entries that climb out, and folders whose links reach outside.</summary>
public sealed class PluginPackageLimitsTests
{
    private const long Gigabyte = 1024L * 1024 * 1024;
    private TemporaryDirectory _temp = null!;

    private string UserPlugins => _temp.Combine("home", "plugins");

    [SetUp]
    public void SetUp()
    {
        _temp = new TemporaryDirectory();
        Directory.CreateDirectory(UserPlugins);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void A1MegabyteZipThatUnpacksTo1Gigabyte_DoesNotInstall()
    {
        var bomb = Bomb(lieAboutSize: false);
        Assert.That(new FileInfo(bomb).Length, Is.LessThan(1_200_000), "the bomb is small");

        var result = PluginInstaller.Install(bomb, UserPlugins, replace: false);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("says it unpacks to 1024 MB, more than the limit of 256 MB (plugins.maxUnpackedBytes): refused"));
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
    }

    /// <summary>The runtime stops a deflated file where its headers say it ends, so the 1 GB never reaches the disk; the checksum then shows the cut.</summary>
    [Test]
    public void AZipBombWhoseHeadersClaimATinySize_IsRefusedAsForged()
    {
        var bomb = Bomb(lieAboutSize: true);
        using (var archive = ZipFile.OpenRead(bomb))
        {
            Assert.That(archive.Entries.Single(e => e.Name == "zeros.bin").Length, Is.EqualTo(1000), "the headers really lie");
        }

        var result = PluginInstaller.Install(bomb, UserPlugins, replace: false);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("is damaged or forged: zeros.bin does not match its checksum: refused"));
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
    }

    [Test]
    public void TheUnpackedSizeLimit_IsCountedWhileWriting_ForArchivesAndFolders()
    {
        var limits = new PluginInstallLimits { MaxUnpackedBytes = 1024 * 1024 };
        var folder = TestPlugins.Install("TestPlugins.Alpha", _temp.Combine("packages"), "big");
        File.WriteAllBytes(Path.Combine(folder, "data.bin"), RandomNumberGenerator.GetBytes(2 * 1024 * 1024));
        var archive = ZipOf(folder, "big.zip", CompressionLevel.NoCompression);

        var fromFolder = PluginInstaller.Install(folder, UserPlugins, replace: false, limits);
        var fromArchive = PluginInstaller.Install(archive, UserPlugins, replace: false, limits with { MaxUnpackedBytes = 1024 * 1024 * 3 });
        Assert.That(fromArchive.Succeeded, Is.True, "under a higher limit the same package installs: " + fromArchive.Error);
        Directory.Delete(fromArchive.Folder!, recursive: true);
        PatchDeclaredSize(archive, "data.bin", 1000);
        var fromLyingArchive = PluginInstaller.Install(archive, UserPlugins, replace: false, limits);

        Assert.That(fromFolder.Error, Does.Contain("unpacks to more than 1 MB, the limit (plugins.maxUnpackedBytes): refused"));
        Assert.That(fromLyingArchive.Error, Does.Contain("unpacks to more than 1 MB, the limit"), "a stored file whose headers claim 1000 bytes is counted as it is written");
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
    }

    [Test]
    public void AnArchiveWithTooManyEntries_IsRefused()
    {
        var folder = TestPlugins.Install("TestPlugins.Alpha", _temp.Combine("packages"), "many");
        for (var i = 0; i < 30; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"file{i}.txt"), "x");
        }

        var result = PluginInstaller.Install(ZipOf(folder, "many.zip"), UserPlugins, replace: false, new PluginInstallLimits { MaxEntries = 20 });
        var fromFolder = PluginInstaller.Install(folder, UserPlugins, replace: false, new PluginInstallLimits { MaxEntries = 20 });

        Assert.That(result.Error, Does.Contain("holds more than 20 files and folders, more than a plugin package may: refused"));
        Assert.That(fromFolder.Error, Does.Contain("holds more than 20 files and folders"));
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
    }

    [TestCase("../escaped.txt")]
    [TestCase("../../escaped.txt")]
    [TestCase("/tmp/escaped.txt")]
    public void AnEntryThatWouldLandOutsideThePackage_IsRefused(string entryName)
    {
        var archive = ZipOf(TestPlugins.Built("TestPlugins.Alpha"), "slip.zip", extra: zip => AddText(zip, entryName, "escaped"));

        var result = PluginInstaller.Install(archive, UserPlugins, replace: false);

        Assert.That(result.Error, Does.Contain($"the entry '{entryName}' would land outside the package folder: refused"));
        Assert.That(Directory.GetFiles(_temp.Path, "escaped.txt", SearchOption.AllDirectories), Is.Empty);
        Assert.That(File.Exists("/tmp/escaped.txt"), Is.False);
    }

    [Test]
    public void ASymbolicLinkInsideAnArchive_IsRefused()
    {
        // S_IFLNK | 0777 in the upper half of the external attributes, as `zip -y` stores a link.
        var archive = ZipOf(TestPlugins.Built("TestPlugins.Alpha"), "link.zip", extra: zip => AddText(zip, "passwd", "/etc/passwd", unchecked((int)0xA1FF0000)));

        var result = PluginInstaller.Install(archive, UserPlugins, replace: false);

        Assert.That(result.Error, Does.Contain("'passwd' is a symbolic link or special file, and a plugin package holds regular files only: refused"));
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
    }

    [Test]
    public void AFolderWithALinkToAFileOutside_IsRefused_AndNothingIsCopied()
    {
        var outside = _temp.Combine("secret.txt");
        File.WriteAllText(outside, "the user's secret");
        var folder = TestPlugins.Install("TestPlugins.Alpha", _temp.Combine("packages"), "linked");
        File.CreateSymbolicLink(Path.Combine(folder, "notes.txt"), outside);

        var result = PluginInstaller.Install(folder, UserPlugins, replace: false);

        Assert.That(result.Error, Is.EqualTo($"cannot install {folder}: notes.txt in {folder} is a symbolic link to {outside}, outside the plugin folder: refused; copy the file in instead"));
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
    }

    [TestCase("up", "..", "a symbolic link back to the folder or above it (a loop)")]
    [TestCase("self", ".", "is a symbolic link to a folder")]
    [TestCase("top", "../..", "a symbolic link back to the folder or above it (a loop)")]
    [TestCase("root", "/", "a symbolic link back to the folder or above it (a loop)")]
    [TestCase("loop", "loop", "a loop of symbolic links")]
    [TestCase("zero", "/dev/zero", "outside the plugin folder")]
    public void AFolderWithALinkLoopOrALinkUpTheTree_IsRefused(string name, string target, string reason)
    {
        var folder = TestPlugins.Install("TestPlugins.Alpha", _temp.Combine("packages"), "looped");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.CreateSymbolicLink(Path.Combine(folder, "sub", name), target);

        var result = PluginInstaller.Install(folder, UserPlugins, replace: false);

        Assert.That(result.Error, Does.Contain(reason).And.Contain("refused"));
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
    }

    [Test]
    public void AFolderWithALinkToAFileInside_IsCopiedAsAPlainFile_KeepingTheOwnersExecuteBit()
    {
        var folder = TestPlugins.Install("TestPlugins.Alpha", _temp.Combine("packages"), "inside");
        Directory.CreateDirectory(Path.Combine(folder, "tools"));
        File.WriteAllText(Path.Combine(folder, "tools", "run.sh"), "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(Path.Combine(folder, "tools", "run.sh"), (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(Path.Combine(folder, "run.sh"), Path.Combine("tools", "run.sh"));

        var result = PluginInstaller.Install(folder, UserPlugins, replace: false);

        Assert.That(result.Succeeded, Is.True, result.Error);
        var copied = new FileInfo(Path.Combine(result.Folder!, "run.sh"));
        Assert.That(copied.LinkTarget, Is.Null, "a plain file, not a link");
        Assert.That(File.ReadAllText(copied.FullName), Does.Contain("echo hi"));
        Assert.That(copied.UnixFileMode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }

    [Test]
    public async Task AFifoInAFolder_IsNeverOpened_SoInstallingCannotHang()
    {
        var folder = TestPlugins.Install("TestPlugins.Alpha", _temp.Combine("packages"), "fifo");
        var fifo = Path.Combine(folder, "pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.That(mkfifo.ExitCode, Is.EqualTo(0));
        }

        var install = Task.Run(() => PluginInstaller.Install(folder, UserPlugins, replace: false));
        var finished = await Task.WhenAny(install, Task.Delay(TimeSpan.FromSeconds(30))) == install;
        if (!finished)
        {
            // Unblock the reader so the test run can end, then fail.
            await File.WriteAllTextAsync(fifo, "");
            Assert.Fail("install blocked on the FIFO");
        }

        var result = await install;
        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(new FileInfo(Path.Combine(result.Folder!, "pipe")).Length, Is.Zero, "an empty regular file stands in for it");
    }

    [Test]
    public void AFolderWithALinkToAFolderInside_IsRefused()
    {
        var folder = TestPlugins.Install("TestPlugins.Alpha", _temp.Combine("packages"), "dirlink");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.CreateSymbolicLink(Path.Combine(folder, "more"), "data");

        var result = PluginInstaller.Install(folder, UserPlugins, replace: false);

        Assert.That(result.Error, Does.Contain("more in").And.Contain("is a symbolic link to a folder: refused"));
    }

    /// <summary>Alpha's files plus 1 GB of zeros, deflated to about 1 MB.</summary>
    private string Bomb(bool lieAboutSize)
    {
        var archive = ZipOf(TestPlugins.Built("TestPlugins.Alpha"), "bomb.zip", extra: zip =>
        {
            using var stream = zip.CreateEntry("zeros.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var written = 0L; written < Gigabyte; written += zeros.Length)
            {
                stream.Write(zeros);
            }
        });

        if (lieAboutSize)
        {
            PatchDeclaredSize(archive, "zeros.bin", 1000);
        }

        return archive;
    }

    /// <summary>Rewrites the uncompressed size an entry's local and central headers claim, as a hostile packer would.</summary>
    private static void PatchDeclaredSize(string archive, string entryName, uint size)
    {
        var bytes = File.ReadAllBytes(archive);
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x02014b50 && bytes.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), size);
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i + 42));
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(local + 22), size);
            }
        }

        File.WriteAllBytes(archive, bytes);
    }

    private string ZipOf(string folder, string name, CompressionLevel level = CompressionLevel.Optimal, Action<ZipArchive>? extra = null)
    {
        var archive = _temp.Combine(name);
        using var zip = ZipFile.Open(archive, ZipArchiveMode.Create);
        foreach (var file in Directory.GetFiles(folder))
        {
            zip.CreateEntryFromFile(file, Path.GetFileName(file), level);
        }

        extra?.Invoke(zip);
        return archive;
    }

    private static void AddText(ZipArchive zip, string name, string text, int? externalAttributes = null)
    {
        var entry = zip.CreateEntry(name);
        if (externalAttributes is { } attributes)
        {
            entry.ExternalAttributes = attributes;
        }

        using var writer = new StreamWriter(entry.Open());
        writer.Write(text);
    }
}
